import type { Candidate } from '../domain/candidate.ts';

export type ThemeShares = Record<string, number>;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The day's theme distribution: each item spreads one unit over its themes in proportion to their scores. */
export function themeSharesOf(items: readonly Candidate[]): ThemeShares {
  const totals = new Map<string, number>();
  for (const item of items) {
    const sum = item.relevance.themes.reduce((s, t) => s + t.score, 0);
    for (const theme of item.relevance.themes) totals.set(theme.themeName, (totals.get(theme.themeName) ?? 0) + (sum > 0 ? theme.score / sum : 0));
  }
  const all = [...totals.values()].reduce((s, v) => s + v, 0);
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, value]) => [name, round(all > 0 ? value / all : 0)]));
}

/** Shannon entropy in bits: lower is a more concentrated day. */
export function entropy(shares: ThemeShares): number {
  return -Object.values(shares).filter((p) => p > 0).reduce((s, p) => s + p * Math.log2(p), 0);
}

export interface ThemeMovement {
  direction: 'first' | 'converging' | 'spreading' | 'steady';
  top: string[];
  rising: string[];
  new: string[];
}

/** How the themes moved against the previous issue: converging or spreading, which rose, which are new. */
export function themeMovement(today: ThemeShares, previous: ThemeShares | undefined): ThemeMovement {
  const top = Object.keys(today).slice(0, 2);
  if (!previous) return { direction: 'first', top, rising: [], new: [] };
  const change = entropy(today) - entropy(previous);
  const direction = change < -0.1 ? 'converging' : change > 0.1 ? 'spreading' : 'steady';
  const rising = Object.keys(today).filter((name) => name in previous && today[name]! - previous[name]! >= 0.05).slice(0, 3);
  const fresh = Object.keys(today).filter((name) => !(name in previous) && today[name]! >= 0.05).slice(0, 3);
  return { direction, top, rising, new: fresh };
}

/** The share of the leading theme: near 1, the day is about one thing. */
export function topShare(shares: ThemeShares): number {
  return Math.max(0, ...Object.values(shares));
}

/** The mean distribution of several issues; a theme an issue did not have counts 0 there. */
function meanShares(issues: readonly ThemeShares[]): ThemeShares {
  const totals = new Map<string, number>();
  for (const shares of issues) for (const [name, share] of Object.entries(shares)) totals.set(name, (totals.get(name) ?? 0) + share);
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, total]) => [name, round(total / issues.length)]));
}

export interface ThemeDynamics {
  /** Shannon entropy of today's distribution, in bits, and the leading theme's share. */
  entropy: number;
  topShare: number;
  /** Against the previous issue. */
  previous: ThemeMovement;
  /** Against the mean of the last issues (up to 7); new means absent from all of them. */
  week: ThemeMovement & { issues: number };
}

/**
 * How today's themes stand against the previous issue and the last week of issues: converging or
 * spreading, which rose, which are new. `history` is newest first.
 */
export function themeDynamics(today: ThemeShares, history: readonly ThemeShares[]): ThemeDynamics {
  const week = history.slice(0, 7);
  const weekMovement = themeMovement(today, week.length > 0 ? meanShares(week) : undefined);
  const seen = new Set(week.flatMap((shares) => Object.keys(shares)));
  return {
    entropy: round(entropy(today)),
    topShare: round(topShare(today)),
    previous: themeMovement(today, history[0]),
    week: { ...weekMovement, new: Object.keys(today).filter((name) => week.length > 0 && !seen.has(name)).slice(0, 3), issues: week.length },
  };
}

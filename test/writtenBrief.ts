/**
 * The extractive brief of a day's candidates as the tests of real-text rules read it: written with the
 * bundled configuration for the issue of 2026-09-16 (documents met on 2026-09-15, Shanghai), and the
 * verifier's checks that fail on it.
 */
import type { SourceDirectory } from '../src/analyze/origin.ts';
import { themeDynamics, themeSharesOf } from '../src/brief/themeShares.ts';
import { verifyBrief } from '../src/brief/verify.ts';
import { composeExtractive } from '../src/brief/writers/extractive.ts';
import { loadConfig } from '../src/config/load.ts';
import type { Brief, Check } from '../src/domain/brief.ts';
import type { Candidate } from '../src/domain/candidate.ts';
import type { StoredDocument } from '../src/domain/document.ts';

const { taxonomy, config } = loadConfig();
const themeNames = taxonomy.themes.map((theme) => theme.name);

/** Writes `candidates` (from `docs`) with `directory`; returns the brief and its failed checks. */
export function writtenBrief(candidates: Candidate[], docs: StoredDocument[], directory: SourceDirectory): { brief: Brief; failed: Check[] } {
  const shares = themeSharesOf(candidates);
  const brief = composeExtractive({ issueDate: '2026-09-16', items: candidates, directory, taxonomy, brief: config.brief, themeShares: shares, dynamics: themeDynamics(shares, []), history: [], stats: { window: { start: '', end: '' }, documents: docs.length, candidates: candidates.length, storyGroups: candidates.length, themeShares: {} } });
  const byUrl = new Map(docs.map((d) => [d.url, d]));
  const checks = verifyBrief({ ...brief, stats: { ...brief.stats, window: { start: '2026-09-14T16:00:00.000Z', end: '2026-09-15T16:00:00.000Z' } } }, (url) => byUrl.get(url), directory.knownBodies(), { themes: themeNames });
  return { brief, failed: checks.filter((c) => !c.ok) };
}

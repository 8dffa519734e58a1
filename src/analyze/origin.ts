import type { Source } from '../config/schema.ts';

/** Finds a catalog body by any name it signs with. */
export class SourceDirectory {
  private readonly byId: Map<string, Source>;
  constructor(readonly sources: readonly Source[]) {
    this.byId = new Map(sources.map((s) => [s.id, s]));
  }

  get(id: string): Source | undefined {
    return this.byId.get(id);
  }

  /** Exact names only: 国务院办公厅 is not 国务院, and a department is not its ministry. */
  byName(name: string): Source | undefined {
    return this.sources.find((s) => s.name === name || s.shortName === name || s.aliases.includes(name));
  }

  /** Every body with all the names it goes by: what the verifier needs to check the names in a text. */
  knownBodies(): { names: string[] }[] {
    return this.sources.map((s) => ({ names: [s.name, ...(s.shortName ? [s.shortName] : []), ...s.aliases].sort((a, b) => b.length - a.length) }));
  }

  /** How running text names a body: its short name when it has one. */
  shortName(name: string): string {
    const source = this.byName(name);
    return source ? (source.shortName ?? source.name) : name;
  }
}

export interface OriginMember {
  id: number;
  sourceId: string;
  repostOf: string | null;
  /** The body the document names as its issuer in its own text (title, signature), when it does. */
  issuer?: string | null;
  publishedAt: string;
}

/** A date line as documents sign off: 2026年6月18日, 2026-06-18. */
const signatureDate = /^(?:19|20)\d{2}\s*[年.-]\s*\d{1,2}\s*[月.-]\s*\d{1,2}\s*日?$/;

/**
 * The issuing body as the document itself names it, when the catalog knows that body: the start of a
 * title (国家数据局关于…的通知, 国家数据局印发…), or the signature above the closing date. Official
 * documents often reach a crawl first through portals and media, whose 来源 line names themselves.
 */
export function issuerNamedIn(title: string, body: string, directory: SourceDirectory): string | null {
  const lead = /^(.{2,24}?)(?:关于|印发|发布|联合印发|办公厅关于)/.exec(title.replace(/\s+/g, ''));
  const fromTitle = lead?.[1] ? directory.byName(lead[1]) : undefined;
  if (fromTitle) return fromTitle.name;
  const lines = body.split('\n').map((line) => line.trim()).filter(Boolean);
  for (let i = lines.length - 1; i >= Math.max(1, lines.length - 4); i--) {
    if (!signatureDate.test(lines[i]!)) continue;
    const signer = directory.byName(lines[i - 1]!);
    if (signer) return signer.name;
  }
  return null;
}

export interface StoryOrigin {
  /** The issuing body's name, as the documents give it. */
  origin: string;
  /** The document that stands for the story: the origin's own page when crawled, else the earliest copy. */
  representativeId: number;
  /** The hosting bodies that republished it, by catalog name, in order of publication. */
  reposters: string[];
}

/**
 * The origin of a story is the body its copies name as their issuer (in their text) or source (来源);
 * when the origin's own page is among the copies it represents the story, and every other hosting site
 * is a reposter.
 */
export function resolveOrigin(members: readonly OriginMember[], directory: SourceDirectory): StoryOrigin {
  const byTime = [...members].sort((a, b) => new Date(a.publishedAt).getTime() - new Date(b.publishedAt).getTime() || a.id - b.id);
  const hostName = (m: OriginMember) => directory.get(m.sourceId)?.name ?? m.sourceId;
  const claims = new Map<string, number>();
  for (const member of byTime) {
    const claimed = member.issuer ?? member.repostOf ?? hostName(member);
    const canonical = directory.byName(claimed)?.name ?? claimed;
    claims.set(canonical, (claims.get(canonical) ?? 0) + 1);
  }
  let origin = hostName(byTime[0]!);
  let most = 0;
  for (const [name, count] of claims) if (count > most) [origin, most] = [name, count];
  const own = byTime.find((m) => (m.repostOf === null || m.repostOf === origin) && hostName(m) === origin);
  const representative = own ?? byTime[0]!;
  const reposters = [...new Set(byTime.map(hostName).filter((name) => name !== origin))];
  return { origin, representativeId: representative.id, reposters };
}

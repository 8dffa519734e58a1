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
  publishedAt: string;
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
 * The origin of a story is the body its copies name as their source; when the origin's own page is among
 * the copies it represents the story, and every other hosting site is a reposter.
 */
export function resolveOrigin(members: readonly OriginMember[], directory: SourceDirectory): StoryOrigin {
  const byTime = [...members].sort((a, b) => new Date(a.publishedAt).getTime() - new Date(b.publishedAt).getTime() || a.id - b.id);
  const hostName = (m: OriginMember) => directory.get(m.sourceId)?.name ?? m.sourceId;
  const claims = new Map<string, number>();
  for (const member of byTime) {
    const claimed = member.repostOf ?? hostName(member);
    const canonical = directory.byName(claimed)?.name ?? claimed;
    claims.set(canonical, (claims.get(canonical) ?? 0) + 1);
  }
  let origin = hostName(byTime[0]!);
  let most = 0;
  for (const [name, count] of claims) if (count > most) [origin, most] = [name, count];
  const own = byTime.find((m) => m.repostOf === null && hostName(m) === origin);
  const representative = own ?? byTime[0]!;
  const reposters = [...new Set(byTime.map(hostName).filter((name) => name !== origin))];
  return { origin, representativeId: representative.id, reposters };
}

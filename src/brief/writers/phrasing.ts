import type { Candidate } from '../../analyze/day.ts';
import type { SourceDirectory } from '../../analyze/origin.ts';
import type { SourceTier } from '../../config/schema.ts';

/** A title inside 《》: nested 《》 become 〈〉 as Chinese typography requires. */
export function inBookQuotes(title: string): string {
  return `《${title.replace(/《/g, '〈').replace(/》/g, '〉')}》`;
}

export const tierLabel: Record<SourceTier, string> = {
  national: '国家层面机构',
  regulator: '金融监管部门',
  exchange: '证券交易所',
  provincial: '省级部门',
  municipal: '市级部门',
  media: '媒体',
};

/** Who the story is about, as a reader names it: the issuer's short name, or the city of a local paper's story. */
export function actorOf(candidate: Candidate, directory: SourceDirectory): string {
  const issuer = directory.byName(candidate.origin);
  if (issuer) return issuer.shortName ?? issuer.name;
  const host = directory.get(candidate.document.sourceId);
  return host && host.region !== '全国' ? host.region : candidate.origin;
}

/** The names the issuer may start a title with. */
function namesOf(candidate: Candidate, directory: SourceDirectory): string[] {
  const issuer = directory.byName(candidate.origin);
  const names = issuer ? [issuer.name, issuer.shortName, ...issuer.aliases] : [candidate.origin];
  return names.filter((n): n is string => Boolean(n)).sort((a, b) => b.length - a.length);
}

/** The document a title is about, for 关于印发《X》的通知 and 《X》解读 titles. */
export function innerDocument(title: string): string | undefined {
  return /《(.+)》/.exec(title)?.[1];
}

/**
 * What the actor did, from the title: 印发《X》 for a notice that issues a document, 发布《X》解读 for an
 * interpretation, the title without the actor's name where it starts with it, else 提出 + the title.
 * A space between two clauses of a title becomes a comma.
 */
export function actionOf(candidate: Candidate, directory: SourceDirectory): string {
  const title = candidate.document.title.trim();
  const inner = innerDocument(title);
  if (candidate.significance.kind === '解读' && inner) return `发布${inBookQuotes(inner)}解读`;
  const issued = /关于印发《(.+)》的通知$/.exec(title);
  if (issued?.[1]) return `印发${inBookQuotes(issued[1])}`;
  const clauses = (text: string) => text.replace(/\s+/g, '，');
  for (const name of namesOf(candidate, directory)) {
    if (title.startsWith(name)) {
      const rest = title.slice(name.length).replace(/^[：:\s]+/, '');
      return clauses(/^关于/.test(rest) ? `发布${rest}` : rest);
    }
  }
  return `提出${clauses(title)}`;
}

export const HEADLINE_MAX = 40;

/**
 * `<actor><action>，<what is new>` in the house pattern, cut at a clause boundary when it runs past one
 * line; the clause of what is new comes only when it fits.
 */
export function headlineOf(actor: string, action: string, whatIsNew?: string): string {
  const full = `${actor}${action}`;
  if (full.length > HEADLINE_MAX) {
    const cut = full.lastIndexOf('，', HEADLINE_MAX);
    return cut > actor.length + 8 ? full.slice(0, cut) : full;
  }
  return whatIsNew && full.length + 1 + whatIsNew.length <= HEADLINE_MAX ? `${full}，${whatIsNew}` : full;
}

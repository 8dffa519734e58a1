import type { Brief, BriefItem, Check } from '../domain/brief.ts';
import { itemsCheck, verifyBrief, type BriefCheckOptions, type KnownBody, type SourceRecord } from '../brief/verify.ts';
import type { Store } from '../store/store.ts';
import { withholdFailing, writerNotes } from './compose.ts';

/** What checking a brief needs: the stored sources by address, the catalog's bodies, the config's minimum. */
export interface CheckSources {
  sourceOf: (url: string) => SourceRecord | undefined;
  bodies: readonly KnownBody[];
  /** selection.minItems: a brief with fewer sections fails the `items` check. */
  minItems: number;
  /** The abstract's theme names and the window's length (selection.windowDays), as `brief` checks them. */
  options?: BriefCheckOptions;
}

/**
 * The stored sources of a brief's references, read from the store in one go: the `sourceOf` that
 * checkBrief and writeIssue read synchronously. A reference the store does not hold has none.
 */
export async function referencedSources(store: Store, brief: Pick<Brief, 'references'>): Promise<(url: string) => SourceRecord | undefined> {
  const found = await store.documentsByUrls(brief.references.map((reference) => reference.url));
  return (url) => found.get(url);
}

/**
 * The checks of a brief as `xinzhi brief` records them: the verifier's (verifyBrief), a note for each
 * part the model writer left to the extractive text, and the length check. `verify` and `render`
 * both call this, so the two agree on one brief.json. Returns the checks; a brief may be published
 * only when every one passed.
 */
export function checkBrief(brief: Brief, sources: CheckSources): Check[] {
  const checks = [...verifyBrief(brief, sources.sourceOf, sources.bodies, sources.options), ...writerNotes(brief)];
  const tooFew = itemsCheck(brief.items.length, sources.minItems);
  if (tooFew) checks.push(tooFew);
  return checks;
}

/**
 * The brief with only `kept` of its sections, numbered 1… in order: the references only withheld
 * sections cite are dropped (one no section cites stays, for the verifier to name), the model's
 * fallbacks follow their sections' new numbers, and checks are left to be made.
 */
function briefWithSections(input: Brief, kept: readonly BriefItem[]): Brief {
  // Sections withheld before are not this brief's: recheckBrief puts them back in `withheld`.
  const rest = structuredClone(input);
  delete rest.withheld;
  const numberOf = new Map(kept.map((item, i) => [item.n, i + 1]));
  const keptRefs = new Set(kept.flatMap((item) => item.refs));
  const droppedRefs = new Set(input.items.filter((item) => !kept.includes(item)).flatMap((item) => item.refs));
  const llm = rest.stats.llm && {
    ...rest.stats.llm,
    fallbacks: rest.stats.llm.fallbacks
      .filter((f) => f.item === null || numberOf.has(f.item))
      .map((f) => ({ ...f, item: f.item === null ? null : numberOf.get(f.item)! })),
  };
  return {
    ...rest,
    items: kept.map((item, i) => ({ ...structuredClone(item), n: i + 1 })),
    references: rest.references.filter((r) => keptRefs.has(r.id) || !droppedRefs.has(r.id)),
    checks: [],
    stats: llm ? { ...rest.stats, llm } : rest.stats,
  };
}

/**
 * A brief.json read back (one an editor changed, say) checked again as `xinzhi brief` checks what it
 * writes: every section against the stored sources it cites (checkBrief), and a section that fails is
 * withheld by the same rule (withholdFailing): kept out of the published sections, in `withheld` with
 * its findings. The `checks` the file carried are never kept: they are made anew. Sections the file
 * already withheld stay withheld, first. Returns the brief to publish; throws a UserError when every
 * section fails.
 */
export async function recheckBrief(input: Brief, sources: CheckSources): Promise<Brief> {
  const write = (kept: BriefItem[]): Promise<Brief> => {
    const brief = briefWithSections(input, kept);
    brief.checks = checkBrief(brief, sources);
    return Promise.resolve(brief);
  };
  const { brief } = await withholdFailing(input.items, write);
  const withheld = [...(input.withheld ?? []), ...(brief.withheld ?? [])];
  if (withheld.length > 0) brief.withheld = withheld;
  return brief;
}

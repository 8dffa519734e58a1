/**
 * npm run eval:select — the analysis and selection the brief uses, on a labelled evaluation day
 * (test/fixtures/eval-day; EVAL_DAY=eval-day-2 for the held-out day), against the labels an editor set.
 * DETAIL=1 lists every disagreement.
 *
 * - relevance: per document, relevant when its story group's relevance reaches selection.minRelevance;
 *   precision, recall and F1 against the story's label.
 * - grouping: over all pairs of documents, "same group" against "same story"; pairwise precision,
 *   recall and F1.
 * - picks: how many of the editor's five stories are among the items selected.
 */
import { analyzeDay } from '../src/analyze/day.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { domainWords } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { selectItems } from '../src/brief/select.ts';
import { loadConfig } from '../src/config/load.ts';
import { evalDayDir, loadEvalDay, type EvalStory } from './evalDay.ts';
import { f1 } from './metrics.ts';

const detail = Boolean(process.env.DETAIL);
const pct = (x: number) => (x * 100).toFixed(1);

const { config, taxonomy, sources, bodies } = loadConfig();
// EVAL_DAY=eval-day-2 measures the held-out day.
const dayName = process.env.EVAL_DAY ?? 'eval-day';
const day = loadEvalDay(evalDayDir(dayName));
const analysis = analyzeDay(day.documents, new SourceDirectory(sources, bodies), taxonomy, createSegmenter(domainWords(taxonomy)));
const items = selectItems(analysis.candidates, config.selection);

const groupOf = new Map<number, number>();
const relevantDoc = new Map<number, boolean>();
analysis.candidates.forEach((candidate, g) => {
  for (const member of candidate.members) {
    groupOf.set(member.id, g);
    relevantDoc.set(member.id, candidate.relevance.score >= config.selection.minRelevance);
  }
});

let [tp, fp, fn] = [0, 0, 0];
for (const doc of day.documents) {
  const predicted = relevantDoc.get(doc.id)!;
  const truth = day.storyOf.get(doc.id)!.relevant;
  if (predicted && truth) tp++;
  else if (predicted) fp++;
  else if (truth) fn++;
  if (detail && predicted !== truth) console.log(`  relevance ${predicted ? 'false positive' : 'missed'}: ${doc.title}`);
}
const relevance = { p: tp / (tp + fp), r: tp / (tp + fn) };

let [pairTp, pairFp, pairFn] = [0, 0, 0];
const docs = day.documents;
for (let i = 0; i < docs.length; i++) {
  for (let j = i + 1; j < docs.length; j++) {
    const together = groupOf.get(docs[i]!.id) === groupOf.get(docs[j]!.id);
    const sameStory = day.storyOf.get(docs[i]!.id) === day.storyOf.get(docs[j]!.id);
    if (together && sameStory) pairTp++;
    else if (together) pairFp++;
    else if (sameStory) pairFn++;
    if (detail && together !== sameStory) console.log(`  grouping ${together ? 'joined' : 'split'}: ${docs[i]!.title} | ${docs[j]!.title}`);
  }
}
const grouping = { p: pairTp / (pairTp + pairFp), r: pairTp / (pairTp + pairFn) };

/** The story a selected item stands for: the one most of its documents belong to. */
function storyOfItem(members: readonly { id: number }[]): EvalStory {
  const counts = new Map<EvalStory, number>();
  for (const member of members) counts.set(day.storyOf.get(member.id)!, (counts.get(day.storyOf.get(member.id)!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}
const pickedStories = items.map((item) => storyOfItem(item.members));
const editorPicks = day.stories.filter((story) => story.pick);
const agreed = editorPicks.filter((story) => pickedStories.includes(story));

console.log(`${dayName} (${day.date}): ${day.documents.length} documents, ${day.stories.length} stories (${day.stories.filter((s) => s.relevant).length} relevant), ${analysis.storyGroups} groups found · ${new Date().toISOString().slice(0, 10)} · Node ${process.version}`);
console.log(`relevance   P ${pct(relevance.p)}  R ${pct(relevance.r)}  F1 ${pct(f1(relevance.p, relevance.r))}   (target F1 ≥ 90)`);
console.log(`grouping    P ${pct(grouping.p)}  R ${pct(grouping.r)}  F1 ${pct(f1(grouping.p, grouping.r))}   (pairwise; target F1 ≥ 95)`);
console.log(`picks       ${agreed.length} of ${editorPicks.length} editor picks selected   (target ≥ 4)`);
console.log('selected:');
for (const [i, item] of items.entries()) console.log(`  ${i + 1}. [${item.tier}] ${item.document.title}${pickedStories[i]!.pick ? '  ← editor pick' : ''}`);
for (const story of editorPicks.filter((s) => !agreed.includes(s))) console.log(`  missed pick: ${story.id} (${story.docs[0]!.title})`);

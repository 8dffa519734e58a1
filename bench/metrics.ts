/** Scoring shared by eval:extract and bench:extract. */

/** Text with whitespace removed: what the comparisons look at. */
export const fold = (text: string) => text.replace(/\s+/g, '');

/**
 * Precision, recall and F1 of an extracted text against the true one, each taken as a bag of characters
 * (whitespace removed): the measure for Chinese, where words have no spaces between them.
 */
export function bagScores(predicted: string, truth: string): { p: number; r: number; f: number } {
  const counts = new Map<string, number>();
  for (const ch of fold(truth)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let overlap = 0;
  const pred = [...fold(predicted)];
  for (const ch of pred) {
    const left = counts.get(ch) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(ch, left - 1);
    }
  }
  const truthLength = [...fold(truth)].length;
  const p = pred.length ? overlap / pred.length : 0;
  const r = truthLength ? overlap / truthLength : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

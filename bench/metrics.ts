/** Scoring shared by eval:extract and bench:extract. */
import { load } from 'cheerio';

/** The harmonic mean of precision and recall; 0 when both are. */
export function f1(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

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
  return { p, r, f: f1(p, r) };
}

const monthWords: Record<number, string[]> = {
  1: ['jan', 'januar', 'january', 'janvier', 'gennaio', 'enero'],
  2: ['feb', 'februar', 'february', 'février', 'febbraio', 'febrero'],
  3: ['mar', 'märz', 'march', 'mars', 'marzo', 'mrz'],
  4: ['apr', 'april', 'avril', 'aprile', 'abril'],
  5: ['may', 'mai', 'maggio', 'mayo'],
  6: ['jun', 'juni', 'june', 'juin', 'giugno', 'junio'],
  7: ['jul', 'juli', 'july', 'juillet', 'luglio', 'julio'],
  8: ['aug', 'august', 'août', 'agosto'],
  9: ['sep', 'september', 'septembre', 'settembre', 'septiembre'],
  10: ['oct', 'okt', 'oktober', 'october', 'octobre', 'ottobre', 'octubre'],
  11: ['nov', 'november', 'novembre', 'noviembre'],
  12: ['dec', 'dez', 'dezember', 'december', 'décembre', 'dicembre', 'diciembre'],
};

/**
 * Whether a page writes a day anywhere, markup and scripts included, in one of the usual spellings
 * (2024-05-20, 20.05.2024, 20/05/2024, 2024年5月20日, 20. Mai, May 20, …): a truth whose day the page
 * never writes cannot be found by any extractor, which bounds the date accuracy a set allows.
 */
export function dayWrittenOnPage(html: string, isoDay: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const pad = (n: number) => String(n).padStart(2, '0');
  const page = html.toLowerCase();
  const spellings = [
    `${y}-${pad(m)}-${pad(d)}`, `${pad(d)}.${pad(m)}.${y}`, `${d}.${m}.${y}`, `${d}. ${m}. ${y}`, `${pad(d)}/${pad(m)}/${y}`, `${pad(m)}/${pad(d)}/${y}`,
    `${y}/${pad(m)}/${pad(d)}`, `${y}年${m}月${d}日`, `${y}${pad(m)}${pad(d)}`,
    ...(monthWords[m] ?? []).flatMap((name) => [`${d}. ${name}`, `${d} ${name}`, `${name} ${d},`, `${name} ${d} `, `${name}. ${d}`, `${pad(d)} ${name}`]),
  ];
  return spellings.some((spelling) => page.includes(spelling));
}

/**
 * Whether a page writes a title anywhere, as typed (case kept, whitespace removed): in its text, its
 * <title>, or a tag's attribute (og:title, alt, title). A truth typed as CSS shows it (uppercase), or
 * cut short, or edited after publication, is written nowhere and bounds the title accuracy a set allows.
 */
export function titleWrittenOnPage(html: string, title: string): boolean {
  const $ = load(html);
  const wanted = fold(title);
  if (fold($.root().text()).includes(wanted)) return true;
  return $('*').toArray().some((element) => 'attribs' in element && Object.values(element.attribs).some((value) => fold(value).includes(wanted)));
}

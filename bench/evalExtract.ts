/**
 * npm run eval:extract — extraction measured on public, hand-annotated pages (../shared/datasets, or
 * DATASETS=…), xinzhi and Readability side by side in one run. The datasets are read in place, never
 * copied into the repository.
 *
 * Metrics (docs/quality.md explains them):
 * - extract-zh: body precision/recall/F1 over characters, whitespace removed, each page's extracted and
 *   true text taken as bags of characters; the mean over pages.
 * - extract-multi: trafilatura's measure — a "with" snippet found is a true positive, missing a false
 *   negative; a "without" snippet found is a false positive. Precision/recall/F1 over all snippets.
 *   Titles: exact match after folding whitespace (title≈: case folded too — several truths were typed
 *   as the page shows them under CSS text-transform: uppercase); dates: the same day, where the truth has one.
 *   Each beside its ceiling: the truths the page writes somewhere at all (a day in any usual spelling; a
 *   title as typed), which no extractor can pass.
 * - pages-zh, lists-zh: robustness only (no ground truth): pages read without an error, titles and dates found.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeHtml } from '../src/crawl/charset.ts';
import { readability, xinzhi, type Extractor } from './extractors.ts';
import { bagScores, dayWrittenOnPage, f1, fold, titleWrittenOnPage } from './metrics.ts';

const root = resolve(process.env.DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url)));
// ONLY=xinzhi skips Readability (slow on jsdom) while working on the extractor.
const extractors = ([['xinzhi', xinzhi], ['readability', readability]] as [string, Extractor][]).filter(([name]) => !process.env.ONLY || process.env.ONLY === name);
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

function read(file: string): string {
  return decodeHtml(readFileSync(file)).text;
}

function run(extractor: Extractor, html: string, url: string): { result: ReturnType<Extractor> | null; error: boolean } {
  try {
    return { result: extractor(html, url), error: false };
  } catch {
    return { result: null, error: true };
  }
}

function extractZh(): void {
  const truth = JSON.parse(readFileSync(join(root, 'extract-zh/truth.json'), 'utf8')) as Record<string, { url: string; body: string }>;
  console.log(`\nextract-zh (${Object.keys(truth).length} pages): body over characters, mean of pages`);
  console.log('extractor      P      R     F1   errors');
  for (const [name, extractor] of extractors) {
    let [p, r, f, errors] = [0, 0, 0, 0];
    for (const [id, page] of Object.entries(truth)) {
      const { result, error } = run(extractor, read(join(root, 'extract-zh/html', `${id}.html`)), page.url);
      errors += Number(error);
      const scores = bagScores(result?.body ?? '', page.body);
      [p, r, f] = [p + scores.p, r + scores.r, f + scores.f];
      if (process.env.PAGES) console.log(`  ${id.slice(0, 12)} P ${pct(scores.p)} R ${pct(scores.r)} F ${pct(scores.f)} ${page.url}`);
    }
    const n = Object.keys(truth).length;
    console.log(`${name.padEnd(12)} ${pct(p / n)}  ${pct(r / n)}  ${pct(f / n)}   ${errors}`);
  }
}

function extractMulti(): void {
  const truth = JSON.parse(readFileSync(join(root, 'extract-multi/truth.json'), 'utf8')) as Record<string, { file: string; with: string[]; without: string[]; title?: string; date?: string }>;
  const pages = Object.entries(truth);
  const titled = pages.filter(([, t]) => t.title).length;
  const dated = pages.filter(([, t]) => t.date).length;
  console.log(`\nextract-multi (${pages.length} pages; ${titled} with a title, ${dated} with a date): snippets, titles, dates`);
  const findable = pages.filter(([, t]) => t.date && dayWrittenOnPage(read(join(root, 'extract-multi/html', t.file)), t.date)).length;
  console.log(`dates the page writes somewhere: ${findable} of ${dated} (${pct(findable / dated)} %, the most any extractor can reach)`);
  const titlesOnPage = pages.filter(([, t]) => t.title && titleWrittenOnPage(read(join(root, 'extract-multi/html', t.file)), t.title)).length;
  console.log(`titles the page writes somewhere, as typed: ${titlesOnPage} of ${titled} (${pct(titlesOnPage / titled)} %, the most an exact match can reach)`);
  console.log('extractor      P      R     F1   title  title≈   date   errors');
  for (const [name, extractor] of extractors) {
    let [tp, fp, fn, titles, titlesAnyCase, dates, errors] = [0, 0, 0, 0, 0, 0, 0];
    for (const [url, page] of pages) {
      const { result, error } = run(extractor, read(join(root, 'extract-multi/html', page.file)), url);
      errors += Number(error);
      const body = fold(result?.body ?? '');
      for (const snippet of page.with) {
        if (body.includes(fold(snippet))) tp++;
        else fn++;
      }
      for (const snippet of page.without) if (body.includes(fold(snippet))) fp++;
      const titleRight = page.title && result && fold(result.title) === fold(page.title);
      const dateRight = page.date && result?.date === page.date;
      titles += Number(Boolean(titleRight));
      titlesAnyCase += Number(Boolean(page.title && result && fold(result.title).toLowerCase() === fold(page.title).toLowerCase()));
      dates += Number(Boolean(dateRight));
      if (process.env.PAGES) {
        const missed = page.with.filter((s) => !body.includes(fold(s))).length;
        const leaked = page.without.filter((s) => body.includes(fold(s))).length;
        if (page.title && !titleRight) console.log(`  title ${page.file}: ${JSON.stringify(result?.title)} ≠ ${JSON.stringify(page.title)}`);
        if (page.date && !dateRight) console.log(`  date  ${page.file}: ${result?.date} ≠ ${page.date}`);
        if (missed + leaked > 0) console.log(`  body  ${page.file}: ${missed} missed, ${leaked} leaked`);
      }
    }
    const p = tp / (tp + fp);
    const r = tp / (tp + fn);
    console.log(`${name.padEnd(12)} ${pct(p)}  ${pct(r)}  ${pct(f1(p, r))}   ${pct(titles / titled)}  ${pct(titlesAnyCase / titled)}  ${pct(dates / dated)}   ${errors}`);
  }
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });
}

function robustness(set: string): void {
  const files = htmlFiles(join(root, set));
  console.log(`\n${set} (${files.length} pages): robustness`);
  console.log('extractor    errors  with title  with date');
  for (const [name, extractor] of extractors) {
    let [errors, titles, dates] = [0, 0, 0];
    for (const file of files) {
      const { result, error } = run(extractor, read(file), `https://example.cn/${file.split('/').pop()}`);
      errors += Number(error);
      titles += Number(Boolean(result?.title));
      dates += Number(Boolean(result?.date));
    }
    console.log(`${name.padEnd(12)} ${String(errors).padStart(6)}  ${pct(titles / files.length)}%     ${pct(dates / files.length)}%`);
  }
}

console.log(`datasets: ${root} · ${new Date().toISOString().slice(0, 10)} · Node ${process.version}`);
extractZh();
extractMulti();
robustness('pages-zh');
robustness('lists-zh');

/**
 * npm run bench:extract — pages per second of xinzhi's extractor and of Readability on jsdom, over the
 * same 59 pages of extract-zh, with the body F1 each reaches on them, in one run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeHtml } from '../src/crawl/charset.ts';
import { readability, xinzhi, type Extractor } from './extractors.ts';
import { bagScores } from './metrics.ts';

const root = resolve(process.env.DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url)), 'extract-zh');
const truth = JSON.parse(readFileSync(join(root, 'truth.json'), 'utf8')) as Record<string, { url: string; body: string }>;
const pages = readdirSync(join(root, 'html')).map((file) => {
  const id = file.replace(/\.html$/, '');
  return { html: decodeHtml(readFileSync(join(root, 'html', file))).text, url: truth[id]!.url, body: truth[id]!.body };
});
const megabytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0) / 2 ** 20;

function measure(name: string, extractor: Extractor, rounds: number): number {
  for (const page of pages.slice(0, 5)) extractor(page.html, page.url);
  let f1 = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const page of pages) {
      const result = extractor(page.html, page.url);
      if (round === 0) f1 += bagScores(result.body, page.body).f;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = (pages.length * rounds) / seconds;
  console.log(`${name.padEnd(12)} ${rate.toFixed(1).padStart(7)} pages/s   body F1 ${((f1 / pages.length) * 100).toFixed(1)}`);
  return rate;
}

console.log(`${pages.length} pages (${megabytes.toFixed(1)} MB) of extract-zh · ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`);
const ours = measure('xinzhi', xinzhi, 3);
const theirs = measure('readability', readability, 1);
console.log(`xinzhi is ${(ours / theirs).toFixed(1)}× Readability on jsdom`);

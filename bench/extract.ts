/**
 * npm run bench:extract — pages per second over the 59 pages of extract-zh, side by side in one run: the
 * parse floor (decoding and parsing with htmlparser2, the parser xinzhi uses; and parsing alone),
 * cheerio's default parser (parse5) for comparison, xinzhi's extractor and Readability on jsdom, with the
 * body F1 each extractor reaches. The extractors, like the parsers but the first, get decoded text.
 * Rates are given by the wall clock and by the process's CPU time: on a shared machine, the second is
 * the one other processes do not move.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio';
import { parseDocument } from 'htmlparser2';
import { decodeHtml } from '../src/crawl/charset.ts';
import { readability, xinzhi, type Extractor } from './extractors.ts';
import { bagScores } from './metrics.ts';

const root = resolve(process.env.DATASETS ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url)), 'extract-zh');
const truth = JSON.parse(readFileSync(join(root, 'truth.json'), 'utf8')) as Record<string, { url: string; body: string }>;
const pages = readdirSync(join(root, 'html')).map((file) => {
  const id = file.replace(/\.html$/, '');
  const bytes = readFileSync(join(root, 'html', file));
  return { bytes, html: decodeHtml(bytes).text, url: truth[id]!.url, body: truth[id]!.body };
});
const megabytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0) / 2 ** 20;

interface Rate {
  wall: number;
  cpu: number;
}

/** Runs `work` on every page `rounds` times, after a warm-up on five; the first round's results go to `check`. */
function timed(rounds: number, work: (page: (typeof pages)[number]) => unknown, check?: (result: unknown, body: string) => void): Rate {
  for (const page of pages.slice(0, 5)) work(page);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    for (const page of pages) {
      const result = work(page);
      if (round === 0) check?.(result, page.body);
    }
  }
  const cpu = process.cpuUsage(cpuStarted);
  const done = pages.length * rounds;
  return { wall: done / ((performance.now() - started) / 1000), cpu: done / ((cpu.user + cpu.system) / 1e6) };
}

function row(name: string, rate: Rate, note = ''): void {
  console.log(`${name.padEnd(26)} ${rate.wall.toFixed(1).padStart(7)}  ${rate.cpu.toFixed(1).padStart(7)}   ${note}`);
}

function measure(name: string, extractor: Extractor, rounds: number): Rate {
  let f1 = 0;
  const rate = timed(rounds, (page) => extractor(page.html, page.url), (result, body) => (f1 += bagScores((result as ReturnType<Extractor>).body, body).f));
  row(name, rate, `body F1 ${((f1 / pages.length) * 100).toFixed(1)}`);
  return rate;
}

console.log(`${pages.length} pages (${megabytes.toFixed(1)} MB) of extract-zh · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`);
console.log(`${''.padEnd(26)} pages/s (wall, cpu)`);
const floor = timed(5, (page) => parseDocument(decodeHtml(page.bytes).text));
row('floor: decode + parse', floor, 'htmlparser2');
row('floor: parse alone', timed(5, (page) => parseDocument(page.html)), 'htmlparser2');
row('cheerio.load (parse5)', timed(3, (page) => load(page.html)), 'cheerio\'s default parser');
const ours = measure('xinzhi', xinzhi, 3);
const theirs = measure('readability', readability, 1);
console.log(`xinzhi takes ${(floor.cpu / ours.cpu).toFixed(1)}× the time of decoding and parsing, and runs at ${(ours.cpu / theirs.cpu).toFixed(1)}× Readability's rate on jsdom (by CPU time)`);

/**
 * npm run bench:analyze — a day of 2k, 20k and 100k documents analysed (segmentation, relevance, story
 * groups, origin, significance) and selected, each size in its own process so its peak memory is its own.
 *
 * The documents are generated: a character-level Markov chain (order 3) trained on article texts — the
 * labelled evaluation day and, when ../shared/datasets is present, the hand-annotated extract-zh bodies —
 * writes new texts with the statistics of official Chinese news, so that documents share words and
 * phrases as a real day's do without being copies. 15 % are reposts of an earlier document (a lead added,
 * a cut made) whose grouping is checked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyzeDay } from '../src/analyze/day.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { domainWords } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { selectItems } from '../src/brief/select.ts';
import { loadConfig } from '../src/config/load.ts';
import type { StoredDocument } from '../src/domain/document.ts';
import { loadEvalDay } from './evalDay.ts';

const sizes = [2_000, 20_000, 100_000];
const ORDER = 3;
const REPOST_SHARE = 0.15;

/** mulberry32: a small seeded generator, so every run writes the same day. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function trainingTexts(): string[] {
  const texts = loadEvalDay().documents.map((doc) => doc.body);
  const truth = fileURLToPath(new URL('../../shared/datasets/extract-zh/truth.json', import.meta.url));
  if (existsSync(truth)) texts.push(...Object.values(JSON.parse(readFileSync(truth, 'utf8')) as Record<string, { body: string }>).map((page) => page.body));
  return texts;
}

/** For each context of ORDER characters, the characters that followed it in the training texts. */
function trainChain(texts: readonly string[]): Map<string, string[]> {
  const chain = new Map<string, string[]>();
  for (const text of texts) {
    const flat = text.replace(/\s+/g, '');
    for (let i = ORDER; i < flat.length; i++) {
      const context = flat.slice(i - ORDER, i);
      const next = chain.get(context) ?? [];
      next.push(flat[i]!);
      chain.set(context, next);
    }
  }
  return chain;
}

function generateDay(count: number): StoredDocument[] {
  const rand = random(20260915);
  const texts = trainingTexts();
  const chain = trainChain(texts);
  const starts = [...chain.keys()];
  const sourceIds = loadConfig().sources.map((source) => source.id);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const write = (length: number) => {
    let text = pick(starts);
    while (text.length < length) {
      const next = chain.get(text.slice(-ORDER));
      text += next ? pick(next) : pick(starts);
    }
    return text;
  };
  const documents: StoredDocument[] = [];
  const originals: StoredDocument[] = [];
  for (let id = 1; id <= count; id++) {
    const time = `${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`;
    const base = { id, url: `https://bench.example.cn/${id}.html`, sourceId: pick(sourceIds), publishedAt: `2026-09-15T${time}:00+08:00`, publisher: null, docNumber: null, siteName: null, attachments: [] };
    if (originals.length > 10 && rand() < REPOST_SHARE) {
      const original = pick(originals.slice(-500));
      const paragraphs = original.body.split('\n');
      const body = [write(40), ...paragraphs.slice(0, Math.max(2, paragraphs.length - 1))].join('\n');
      documents.push({ ...base, title: `转载：${original.title}`, repostOf: `#${original.id}`, body });
    } else {
      const paragraphs = Array.from({ length: 2 + Math.floor(rand() * 7) }, () => write(60 + Math.floor(rand() * 180)));
      const original = { ...base, title: write(14 + Math.floor(rand() * 16)), repostOf: null, body: paragraphs.join('\n') };
      documents.push(original);
      originals.push(original);
    }
  }
  return documents;
}

/** One size, in this process: prints one JSON line of figures. */
function measure(count: number): void {
  let started = performance.now();
  const documents = generateDay(count);
  const generateSeconds = (performance.now() - started) / 1000;
  const { config, taxonomy, sources, bodies } = loadConfig();
  started = performance.now();
  const segmenter = createSegmenter(domainWords(taxonomy));
  const segmenterSeconds = (performance.now() - started) / 1000;
  // The generator marks a repost with its original's id; the analysis must not see that mark.
  const originals = new Map(documents.filter((doc) => doc.repostOf).map((doc) => [doc.id, Number(doc.repostOf!.slice(1))]));
  const day = documents.map((doc) => ({ ...doc, repostOf: null }));
  started = performance.now();
  const analysis = analyzeDay(day, new SourceDirectory(sources, bodies), taxonomy, segmenter);
  const analyzeSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const items = selectItems(analysis.candidates, config.selection);
  const selectSeconds = (performance.now() - started) / 1000;
  const groupOf = new Map<number, number>();
  analysis.candidates.forEach((candidate, g) => candidate.members.forEach((member) => groupOf.set(member.id, g)));
  const repostsGrouped = [...originals].filter(([repost, original]) => groupOf.get(repost) === groupOf.get(original)).length;
  console.log(JSON.stringify({
    count,
    chars: day.reduce((sum, doc) => sum + doc.body.length, 0),
    generateSeconds,
    segmenterSeconds,
    analyzeSeconds,
    selectSeconds,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    groups: analysis.storyGroups,
    reposts: originals.size,
    repostsGrouped,
    items: items.length,
  }));
}

if (process.env.BENCH_SIZE) {
  measure(Number(process.env.BENCH_SIZE));
} else {
  console.log(`bench:analyze · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · Node ${process.version} · ${new Date().toISOString().slice(0, 10)}`);
  console.log('documents   chars (M)   analyze s   select s   peak RSS MB   groups   reposts grouped   s per 1k docs');
  for (const size of sizes) {
    const line = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_SIZE: String(size) }, encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(line.trim().split('\n').pop()!) as { count: number; chars: number; analyzeSeconds: number; selectSeconds: number; peakRssMb: number; groups: number; reposts: number; repostsGrouped: number };
    console.log(
      `${String(r.count).padStart(9)}   ${(r.chars / 1e6).toFixed(1).padStart(9)}   ${r.analyzeSeconds.toFixed(1).padStart(9)}   ${r.selectSeconds.toFixed(2).padStart(8)}   ${String(r.peakRssMb).padStart(11)}   ${String(r.groups).padStart(6)}   ${`${r.repostsGrouped}/${r.reposts}`.padStart(15)}   ${((r.analyzeSeconds + r.selectSeconds) / (r.count / 1000)).toFixed(2).padStart(13)}`,
    );
  }
}

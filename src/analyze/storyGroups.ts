/**
 * Story groups: the same story published on several sites is one group. Documents join when they share
 * a document number, a normalised title, or most of their text; candidate pairs for the text test come
 * from a shared paragraph or from MinHash with locality-sensitive hashing, so the work grows with the
 * number of documents, not its square.
 */

export interface GroupableDocument {
  id: number;
  title: string;
  body: string;
  docNumber: string | null;
}

const SHINGLE = 5;
// Two rows a band: texts that share a third of their shingles still meet in some band.
const BANDS = 32;
const ROWS = 2;
/** Paragraphs this long are specific enough that two documents sharing one are a candidate pair. */
const MIN_PARAGRAPH = 24;
/** A bucket this full holds boilerplate, not a story. */
const MAX_BUCKET = 64;
/** Share of the smaller text's shingles that the larger must contain: a repost with a lead added still matches. */
const CONTAINMENT_THRESHOLD = 0.6;

/** Titles differ between sites by spacing, punctuation and a 北京： style prefix. */
export function normaliseTitle(title: string): string {
  return title.replace(/^[\u4e00-\u9fff]{2,8}[：:]\s*/, '').replace(/[\s\p{P}\p{S}]/gu, '');
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function shingles(body: string): Set<number> {
  const text = body.replace(/[\s\p{P}\p{S}]/gu, '');
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE <= text.length; i++) set.add(fnv1a(text.slice(i, i + SHINGLE)));
  return set;
}

const seeds = Array.from({ length: BANDS * ROWS }, (_, i) => [fnv1a(`a${i}`) | 1, fnv1a(`b${i}`)] as const);

function minHash(set: Set<number>): Uint32Array {
  const signature = new Uint32Array(seeds.length).fill(0xffffffff);
  for (const value of set) {
    for (let i = 0; i < seeds.length; i++) {
      const [a, b] = seeds[i]!;
      const hashed = (Math.imul(value, a) + b) >>> 0;
      if (hashed < signature[i]!) signature[i] = hashed;
    }
  }
  return signature;
}

function containment(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const value of small) if (large.has(value)) shared++;
  return shared / small.size;
}

import { differentPlaces, placesIn } from './places.ts';

/** An interpretation of a document is its own story, however much of the document it quotes. */
const interpretation = /解读|答记者问|问答/;

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Groups documents into stories; returns groups of document ids, each in input order, groups ordered by first member. */
export function groupStories(documents: readonly GroupableDocument[]): number[][] {
  const sets = new UnionFind(documents.length);
  const places = documents.map((doc) => placesIn(doc.title));
  // An interpretation is not its document, and one province's plan is not another's however alike the wording.
  const sameKind = (i: number, j: number) =>
    interpretation.test(documents[i]!.title) === interpretation.test(documents[j]!.title) && !differentPlaces(places[i]!, places[j]!);
  const byKey = new Map<string, number>();
  const joinOnKey = (key: string, i: number) => {
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, i);
    else if (sameKind(first, i)) sets.union(first, i);
  };
  const shingleSets = documents.map((doc) => shingles(doc.body));
  const buckets = new Map<string, number[]>();
  documents.forEach((doc, i) => {
    if (doc.docNumber) joinOnKey(`no:${doc.docNumber}`, i);
    const title = normaliseTitle(doc.title);
    if (title.length >= 8) joinOnKey(`title:${title}`, i);
    const keys = new Set<string>();
    for (const paragraph of doc.body.split('\n')) {
      const text = paragraph.replace(/[\s\p{P}\p{S}]/gu, '');
      if (text.length >= MIN_PARAGRAPH) keys.add(`p:${fnv1a(text)}`);
    }
    const signature = minHash(shingleSets[i]!);
    for (let band = 0; band < BANDS; band++) keys.add(`${band}:${signature.slice(band * ROWS, band * ROWS + ROWS).join(',')}`);
    for (const key of keys) {
      const bucket = buckets.get(key) ?? [];
      bucket.push(i);
      buckets.set(key, bucket);
    }
  });
  const compared = new Set<string>();
  for (const bucket of buckets.values()) {
    if (bucket.length > MAX_BUCKET) continue;
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x]!;
        const j = bucket[y]!;
        const pair = `${i},${j}`;
        if (compared.has(pair)) continue;
        compared.add(pair);
        if (sameKind(i, j) && containment(shingleSets[i]!, shingleSets[j]!) >= CONTAINMENT_THRESHOLD) sets.union(i, j);
      }
    }
  }
  const groups = new Map<number, number[]>();
  documents.forEach((doc, i) => {
    const root = sets.find(i);
    const group = groups.get(root) ?? [];
    group.push(doc.id);
    groups.set(root, group);
  });
  return [...groups.values()];
}

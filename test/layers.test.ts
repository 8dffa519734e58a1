import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The floors of src/ (issue 18): the records the stages pass on live in src/domain, below every stage;
// pure helpers in src/util, below that. A stage imports the floors under it, never a stage beside or above
// it for a type or a helper. These rules read every import of every src/**/*.ts file, `import type`,
// `export … from` and `import()` included, so an edge is caught whatever its form.

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** One import: the file that makes it (relative to the repository), what it wrote, and the top folder of src/ it reaches (null for a package). */
interface ImportEdge {
  file: string;
  specifier: string;
  from: string;
  to: string | null;
}

/** Every module a file's text imports or re-exports, static or dynamic, types included (TypeScript's own pre-parse). */
function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** The src/ files, recursively, as absolute paths. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The top folder of src/ that an absolute path lies in (store for src/store/sqlite.ts); null outside src/. */
function folderOf(path: string): string | null {
  const inside = relative(src, path);
  if (inside.startsWith('..') || !inside.includes(sep)) return null;
  return inside.split(sep)[0]!;
}

/** Every import of every src/ file. */
function importEdges(): ImportEdge[] {
  return sourceFiles(src).flatMap((path) =>
    specifiersOf(readFileSync(path, 'utf8')).map((specifier) => ({
      file: relative(resolve(src, '..'), path),
      specifier,
      from: folderOf(path)!,
      to: specifier.startsWith('.') ? folderOf(resolve(dirname(path), specifier)) : null,
    })),
  );
}

/** The package an import names (zod, @node-rs/jieba, node:fs), or null for a relative one. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * What a folder may import of src/, where it is held to a list: the floors below it. Folders not named
 * here are only held by the forbidden edges and the cycle rule below.
 */
const mayImport: Record<string, { folders: readonly string[]; packages?: readonly string[]; why: string }> = {
  util: { folders: ['util'], why: 'util is the lowest floor: pure helpers that import nothing of the stages' },
  domain: { folders: ['domain', 'util'], packages: ['zod'], why: 'the domain records import nothing of the stages that pass them on (zod for the brief model)' },
  store: { folders: ['store', 'domain', 'util', 'config'], why: 'the store keeps the domain records; it never imports a stage for a type' },
  extract: { folders: ['extract', 'domain', 'util', 'config'], why: 'extraction is pure functions over a page; a renderer or the desk is no helper of it' },
};

/** Edges between folders that neither side may make, with why. */
const forbidden: { from: string; to: string; why: string }[] = [
  { from: 'crawl', to: 'sources', why: 'the crawler and the source adapters do not import each other: what puts them together is in src/pipeline' },
  { from: 'sources', to: 'crawl', why: 'the crawler and the source adapters do not import each other: what they share is in src/domain' },
];

/**
 * Cycles between folders that are known and left, each as its folders sorted: none (the desk's use of
 * the CLI's wording moved to pipeline/explainLines.ts and publish/label.ts). A cycle not listed fails; so
 * does one listed that is gone, so the list stays true.
 */
const knownCycles: string[][] = [];

/** What is wrong with a list of edges, one line each: the file, what it imports, and the rule it breaks. */
function layerFaults(edges: readonly ImportEdge[]): string[] {
  const faults: string[] = [];
  for (const edge of edges) {
    const rule = mayImport[edge.from];
    if (rule && edge.to !== null && !rule.folders.includes(edge.to)) {
      faults.push(`${edge.file} imports '${edge.specifier}' (${edge.to}): ${edge.from} may import only ${rule.folders.join(', ')} — ${rule.why}`);
    }
    const pkg = packageOf(edge.specifier);
    if (rule?.packages && pkg !== null && !rule.packages.includes(pkg)) {
      faults.push(`${edge.file} imports package '${edge.specifier}': ${edge.from} may import only ${rule.packages.join(', ')} — ${rule.why}`);
    }
    const banned = forbidden.find((f) => f.from === edge.from && f.to === edge.to);
    if (banned) faults.push(`${edge.file} imports '${edge.specifier}' (${edge.to}): ${banned.why}`);
  }
  return faults;
}

/** The cycles of the folder graph (its strongly connected parts of two folders or more), each sorted. */
function folderCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (to === null || to === from) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    if (!graph.has(to)) graph.set(to, new Set());
    graph.get(from)!.add(to);
  }
  // Tarjan's algorithm: a dozen folders, so recursion is fine.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)!) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const part: string[] = [];
    for (let top = stack.pop()!; ; top = stack.pop()!) {
      onStack.delete(top);
      part.push(top);
      if (top === node) break;
    }
    if (part.length > 1) cycles.push(part.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a.join().localeCompare(b.join()));
}

/** The edges of a cycle, as lines naming each file and import. */
function cycleEdges(edges: readonly ImportEdge[], cycle: readonly string[]): string[] {
  return edges.filter((e) => e.to !== null && e.to !== e.from && cycle.includes(e.from) && cycle.includes(e.to)).map((e) => `  ${e.file} imports '${e.specifier}'`);
}

describe('the floors of src/ (issue 18)', () => {
  it('reads every form of import: static, type-only, re-exported and dynamic', () => {
    const text = [
      "import { a } from '../crawl/a.ts';",
      "import type { B } from '../crawl/b.ts';",
      "import {\n  c,\n  type D,\n} from '../crawl/c.ts';",
      "export { e } from '../crawl/e.ts';",
      "export type { F } from '../crawl/f.ts';",
      "const g = await import('../crawl/g.ts');",
      "import 'zod';",
    ].join('\n');
    assert.deepEqual(specifiersOf(text).sort(), ['../crawl/a.ts', '../crawl/b.ts', '../crawl/c.ts', '../crawl/e.ts', '../crawl/f.ts', '../crawl/g.ts', 'zod']);
  });

  it('finds the imports of src/ (a check that reads nothing passes nothing)', () => {
    const edges = importEdges();
    assert.ok(sourceFiles(src).length > 100, 'src/ has its files');
    const has = (file: string, specifier: string) => edges.some((e) => e.file === file && e.specifier === specifier);
    assert.ok(has('src/pipeline/run.ts', './crawl.ts'), 'a value import');
    assert.ok(has('src/store/sqlite.ts', '../domain/document.ts'), 'a type-only import');
    assert.ok(has('src/cli/main.ts', '../store/sqlite.ts'), 'a dynamic import');
  });

  it('flags a forbidden edge, naming the file and the import', () => {
    const edge = (file: string, specifier: string, from: string, to: string | null): ImportEdge => ({ file, specifier, from, to });
    const faults = layerFaults([
      edge('src/store/x.ts', '../crawl/warc.ts', 'store', 'crawl'),
      edge('src/extract/x.ts', '../render/escape.ts', 'extract', 'render'),
      edge('src/crawl/x.ts', '../sources/entries.ts', 'crawl', 'sources'),
      edge('src/sources/x.ts', '../crawl/fetcher.ts', 'sources', 'crawl'),
      edge('src/domain/x.ts', '../config/schema.ts', 'domain', 'config'),
      edge('src/domain/x.ts', 'cheerio', 'domain', null),
      edge('src/util/x.ts', '../domain/brief.ts', 'util', 'domain'),
      edge('src/store/y.ts', '../domain/brief.ts', 'store', 'domain'),
      edge('src/domain/y.ts', 'zod', 'domain', null),
    ]);
    assert.equal(faults.length, 7, faults.join('\n'));
    assert.match(faults[0]!, /^src\/store\/x\.ts imports '\.\.\/crawl\/warc\.ts' \(crawl\): store may import only/);
    assert.match(faults[5]!, /^src\/domain\/x\.ts imports package 'cheerio'/);
  });

  it('has no forbidden edge', () => {
    const faults = layerFaults(importEdges());
    assert.deepEqual(faults, [], `forbidden imports:\n${faults.join('\n')}`);
  });

  it('has no cycle between folders but the known ones', () => {
    const edges = importEdges();
    const cycles = folderCycles(edges);
    const unknown = cycles.filter((c) => !knownCycles.some((k) => k.join() === c.join()));
    assert.deepEqual(unknown, [], `cycles between folders:\n${unknown.map((c) => `${c.join(' ↔ ')}\n${cycleEdges(edges, c).join('\n')}`).join('\n')}`);
    const gone = knownCycles.filter((k) => !cycles.some((c) => c.join() === k.join()));
    assert.deepEqual(gone, [], `known cycles no longer there: remove them from knownCycles in test/layers.test.ts`);
  });
});

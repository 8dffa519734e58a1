import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { folderWriteSteps, writeFolderAtomically } from '../src/util/atomicDir.ts';
import { UserError } from '../src/util/errors.ts';
import { cliPath, repoRoot, runCli, tempDir } from './helpers.ts';
import { openTestStore, storeRows } from './storeFor.ts';

const version = (n: number) => ({ 'brief.json': `{"version":${n}}\n`, 'brief.md': `# 第 ${n} 版\n`, 'brief.html': `<p>第 ${n} 版</p>\n` });

/** The issue folder as a reader finds it: its files and their text, or undefined when it is missing. */
function readFolder(target: string): Record<string, string> | undefined {
  if (!existsSync(target)) return undefined;
  return Object.fromEntries(readdirSync(target).sort().map((name) => [name, readFileSync(join(target, name), 'utf8')]));
}

const sorted = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));

describe('the issue folder is replaced without ever going missing', () => {
  it('is the whole old or the whole new version after a crash at any step, and the next write clears what the crash left', () => {
    const names = folderWriteSteps('/x/2026-06-19', {}).steps.map((step) => step.name);
    for (let stop = 0; stop <= names.length; stop++) {
      const out = tempDir();
      const target = join(out, '2026-06-19');
      writeFolderAtomically(target, version(1));
      // The write of version 2 stops after `stop` steps, as a crash would stop it: nothing after runs.
      for (const step of folderWriteSteps(target, version(2)).steps.slice(0, stop)) step.run();
      const seen = readFolder(target);
      const swapped = stop > names.indexOf('swap');
      assert.deepEqual(seen, sorted(swapped ? version(2) : version(1)), `after ${names.slice(0, stop).join(', ') || 'nothing'}`);
      writeFolderAtomically(target, version(3));
      assert.deepEqual(readFolder(target), sorted(version(3)));
      // Only the link and the version it points to remain.
      assert.equal(readdirSync(out).length, 2, readdirSync(out).join(' '));
      assert.ok(lstatSync(target).isSymbolicLink());
    }
  });

  it('replaces a folder written before versions were kept, missing only between moving it aside and the swap', () => {
    const names = folderWriteSteps('/x/2026-06-19', {}).steps.map((step) => step.name);
    for (let stop = 0; stop <= names.length; stop++) {
      const out = tempDir();
      const target = join(out, '2026-06-19');
      mkdirSync(target);
      for (const [name, text] of Object.entries(version(0))) writeFileSync(join(target, name), text);
      for (const step of folderWriteSteps(target, version(1)).steps.slice(0, stop)) step.run();
      const seen = readFolder(target);
      const after = names.slice(0, stop).at(-1);
      if (after === 'unlegacy') assert.equal(seen, undefined);
      else assert.deepEqual(seen, sorted(stop > names.indexOf('swap') ? version(1) : version(0)), `after ${after ?? 'nothing'}`);
      writeFolderAtomically(target, version(2));
      assert.deepEqual(readFolder(target), sorted(version(2)));
      assert.equal(readdirSync(out).length, 2, readdirSync(out).join(' '));
    }
  });

  it('keeps the previous version whole when a write fails, and leaves nothing of the failed one', () => {
    const out = tempDir();
    const target = join(out, '2026-06-19');
    writeFolderAtomically(target, version(1));
    const before = readdirSync(out).sort();
    // A file name the folder cannot hold fails the write half way.
    assert.throws(() => writeFolderAtomically(target, { ...version(2), 'no/such/dir.txt': 'x' }), (err: unknown) => err instanceof UserError && err.en === `cannot write output folder ${target} (ENOENT)`);
    assert.deepEqual(readFolder(target), sorted(version(1)));
    assert.deepEqual(readdirSync(out).sort(), before);
  });

  it('opens as a folder for a reader: a path through it, a listing, a relative link that survives moving the output folder', () => {
    const out = tempDir();
    const target = join(out, '2026-06-19');
    writeFolderAtomically(target, version(1));
    assert.ok(lstatSync(target).isSymbolicLink());
    assert.equal(readFileSync(join(target, 'brief.md'), 'utf8'), '# 第 1 版\n');
    assert.match(readdirSync(out).find((entry) => entry !== '2026-06-19')!, /^\.2026-06-19\.\w{6}$/);
    const moved = `${out}-moved`;
    renameSync(out, moved);
    assert.equal(readFileSync(join(moved, '2026-06-19', 'brief.md'), 'utf8'), '# 第 1 版\n');
    renameSync(moved, out);
  });
});

/** The CLI's stdout and stderr as one stream, in the order written: what an operator's terminal or log shows. */
function runMerged(args: string[]): Promise<{ code: number; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `"${process.execPath}" "${cliPath}" "$@" 2>&1`, 'sh', ...args], { cwd: repoRoot });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, lines: text.trimEnd().split('\n') }));
  });
}

/** The dates of the issues a data folder's store holds, oldest first. */
async function issueRows(data: string): Promise<string[]> {
  const store = await openTestStore(data, { existing: true });
  try {
    return (await store.archivedIssues(1000, 0)).issues.map((issue) => issue.issueDate).sort();
  } finally {
    await store.close();
  }
}

describe('a run that fails prints its summary, then the error, and records no issue', () => {
  it('a run whose issue folder cannot be written: summary first, one error line last, exit 1, no issue row, the run row finished with the error', async () => {
    const dir = tempDir();
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const data = join(dir, 'data');
    const result = await runMerged(['demo', '--data', data, '--out', join(blocker, 'out')]);
    assert.equal(result.code, 1);
    const title = result.lines.indexOf('运行摘要 2026-06-19');
    assert.ok(title >= 0, result.lines.join('\n'));
    assert.ok(result.lines.slice(title).some((line) => /^ {2}保留文档: 24/.test(line)), result.lines.join('\n'));
    assert.match(result.lines.at(-1)!, new RegExp(`^xinzhi: 无法写入输出目录 ${join(blocker, 'out')}（ENOTDIR）$`));
    assert.equal(result.lines.filter((line) => line.startsWith('xinzhi: ')).length, 1);
    assert.deepEqual(await issueRows(data), []);
    // No Store method reads a run back: the runs table shows it was finished, with the error.
    const [run] = await storeRows<{ finished_at: string | Date | null; summary: string | object }>(data, 'SELECT finished_at, summary FROM runs');
    assert.ok(run);
    assert.ok(run.finished_at);
    // Text in SQLite; PostgreSQL may keep it as jsonb, which pg gives parsed.
    const summary = (typeof run.summary === 'string' ? JSON.parse(run.summary) : run.summary) as { error: string };
    assert.match(summary.error, /cannot write output folder/);
    // The same data written out: now the issue is recorded.
    const ok = await runCli(['brief', '--date', '2026-06-19', '--data', data, '--out', join(dir, 'out')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(await issueRows(data), ['2026-06-19']);
  });

  it('a run with nothing to write for its date: the crawl summary, then the error; as JSON, the summary with the error', async () => {
    const dir = tempDir();
    const text = await runMerged(['demo', '--date', '2026-01-02', '--data', join(dir, 'data'), '--out', join(dir, 'out')]);
    assert.equal(text.code, 1);
    assert.ok(text.lines.indexOf('运行摘要 2026-01-02') >= 0, text.lines.join('\n'));
    assert.match(text.lines.at(-1)!, /^xinzhi: 2026-01-02 这一期的时间窗口（2026-01-01，北京时间）内没有文档/);
    assert.equal(existsSync(join(dir, 'out')), false);
    const json = await runCli(['demo', '--date', '2026-01-02', '--lang', 'en', '--json', '--data', join(dir, 'data2'), '--out', join(dir, 'out')]);
    assert.equal(json.code, 1);
    const summary = JSON.parse(json.stdout) as { issueDate: string; crawl: { documentsKept: number }; error: string };
    assert.equal(summary.issueDate, '2026-01-02');
    const kept = text.lines.find((line) => line.startsWith('  保留文档: '));
    assert.equal(kept, `  保留文档: ${summary.crawl.documentsKept}`);
    assert.ok(summary.crawl.documentsKept > 0);
    assert.match(summary.error, /^no documents in the window of issue 2026-01-02/);
    assert.match(json.stderr, /^xinzhi: no documents in the window of issue 2026-01-02 [^\n]+\n$/);
  });
});

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot, tempDir } from './helpers.ts';
import { hostileBrief } from './hostileBrief.ts';
import { unzip } from './unzip.ts';

const run = promisify(execFile);
/** A 1×1 PNG, standing in for the account's QR code. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Renders the brief.json in a process of its own (test/renderOnce.ts) with the environment given; returns the files by name. */
async function renderIn(env: Record<string, string>, briefFile: string, qrFile: string, clock?: string): Promise<Map<string, Buffer>> {
  const out = tempDir();
  const args = ['--no-warnings', '--import', 'tsx', join(repoRoot, 'test/renderOnce.ts'), briefFile, out, qrFile, ...(clock ? [clock] : [])];
  const { stdout } = await run(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env } });
  return new Map(readdirSync(stdout).sort().map((name) => [name, readFileSync(join(stdout, name))]));
}

describe('reproducible editions: the same brief.json gives the same bytes', () => {
  it('renders byte-identical files in every format under another clock, time zone and locale', async () => {
    const dir = tempDir();
    const briefFile = join(dir, 'brief.json');
    const qrFile = join(dir, 'qr.png');
    writeFileSync(briefFile, JSON.stringify(hostileBrief()));
    writeFileSync(qrFile, png);
    const first = await renderIn({ TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' }, briefFile, qrFile);
    const second = await renderIn({ TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: 'C' }, briefFile, qrFile, '2031-01-02T03:04:05Z');
    assert.deepEqual([...first.keys()], ['brief.docx', 'brief.html', 'brief.json', 'brief.md', 'brief.pdf', 'brief.wechat.html', 'index.html']);
    assert.deepEqual([...second.keys()], [...first.keys()]);
    for (const [name, bytes] of first) assert.ok(bytes.equals(second.get(name)!), `${name} differs between the two renders`);
    // Where a date is needed it is the issue's: 2026-06-19 00:00 +08:00. Typst's clock is the real one
    // in both renders, so the PDF's own dates are checked here, not only compared.
    const pdf = first.get('brief.pdf')!.toString('latin1');
    assert.deepEqual([...pdf.matchAll(/\/(CreationDate|ModDate) \((D:\d+Z)\)/g)].map((m) => [m[1], m[2]]), [['ModDate', 'D:20260618160000Z'], ['CreationDate', 'D:20260618160000Z']]);
    const core = unzip(first.get('brief.docx')!).get('docProps/core.xml')!.data.toString('utf8');
    assert.deepEqual([...core.matchAll(/<dcterms:(?:created|modified)[^>]*>([^<]*)</g)].map((m) => m[1]), ['2026-06-18T16:00:00Z', '2026-06-18T16:00:00Z']);
  });
});

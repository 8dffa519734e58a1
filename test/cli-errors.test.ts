import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { repoRoot, runCli, tempDir } from './helpers.ts';

/** A failure is one line on stderr, naming the thing at fault, with a non-zero exit. */
function assertOneLineError(result: { code: number; stderr: string }, pattern: RegExp): void {
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /^xinzhi: [^\n]+\n$/);
  assert.match(result.stderr, pattern);
}

/** A copy of the bundled config folder that a test may break. */
function configCopy(dir: string): string {
  const copy = join(dir, 'config');
  cpSync(join(repoRoot, 'config'), copy, { recursive: true });
  return join(copy, 'xinzhi.yaml');
}

describe('bad input: one line, non-zero, nothing half-written', () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  const out = join(dir, 'out');

  before(async () => {
    const demo = await runCli(['demo', '--data', data, '--out', join(dir, 'demo-out')]);
    assert.equal(demo.code, 0, demo.stderr);
  });

  it('names a missing config file', async () => {
    const result = await runCli(['brief', '--date', '2026-06-19', '--config', join(dir, 'nope.yaml'), '--data', data, '--out', out]);
    assertOneLineError(result, /无法读取配置文件 .*nope\.yaml（ENOENT）/);
  });

  it('names the file and the key of an invalid config value', async () => {
    const config = configCopy(join(dir, 'bad-key'));
    writeFileSync(config, readFileSync(config, 'utf8').replace('maxItems: 7', 'maxItems: many'));
    const result = await runCli(['brief', '--date', '2026-06-19', '--config', config, '--data', data, '--out', out]);
    assertOneLineError(result, /配置文件 .*bad-key\/config\/xinzhi\.yaml 的键 selection\.maxItems 无效/);
  });

  it('names the catalog file and the key of a bad source', async () => {
    const config = configCopy(join(dir, 'bad-source'));
    const catalog = join(config, '..', 'sources', 'markets.yaml');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').replace('tier: exchange', 'tier: stock-market'));
    const result = await runCli(['sources', 'list', '--config', config]);
    assertOneLineError(result, /markets\.yaml 的键 3\(sse\)\.tier 无效/);
  });

  it('names a config file that is not YAML', async () => {
    const config = join(dir, 'broken.yaml');
    writeFileSync(config, 'brief: [unclosed\n');
    const result = await runCli(['sources', 'list', '--config', config]);
    assertOneLineError(result, /broken\.yaml 不是合法的 YAML/);
  });

  it('names a missing archive and a corrupt one', async () => {
    const missing = await runCli(['run', '--date', '2026-06-19', '--replay', join(dir, 'no-such.warc.gz'), '--data', join(dir, 'd2'), '--out', out]);
    assertOneLineError(missing, /找不到归档 .*no-such\.warc\.gz/);
    const corrupt = join(dir, 'corrupt.warc.gz');
    writeFileSync(corrupt, Buffer.from('this is not a web archive at all\n'.repeat(20)));
    const result = await runCli(['run', '--date', '2026-06-19', '--replay', corrupt, '--data', join(dir, 'd3'), '--out', out]);
    assertOneLineError(result, /corrupt\.warc\.gz/);
    assert.equal(existsSync(out), false);
  });

  it('says when a date has no documents, and writes nothing', async () => {
    const result = await runCli(['brief', '--date', '2026-01-02', '--data', data, '--out', out]);
    assertOneLineError(result, /2026-01-02 这一期的时间窗口（2026-01-01，北京时间）内没有文档/);
    assert.equal(existsSync(out), false);
  });

  it('rejects a date that is not a calendar day', async () => {
    assertOneLineError(await runCli(['brief', '--date', '2026-02-30', '--data', data]), /日期格式错误：2026-02-30/);
    assertOneLineError(await runCli(['brief', '--data', data]), /缺少 --date/);
  });

  it('names an output folder that cannot be written', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = await runCli(['brief', '--date', '2026-06-19', '--data', data, '--out', join(blocker, 'out')]);
    assertOneLineError(result, /无法写入输出目录 .*a-file/);
  });

  it('leaves no issue folder when rendering fails partway', async () => {
    const config = configCopy(join(dir, 'no-fonts'));
    writeFileSync(config, readFileSync(config, 'utf8').replace('  formats: [json, md, html, pdf, docx, wechat]', '  formats: [json, md, html, pdf, docx, wechat]\n  fontPaths: [empty]'));
    const target = join(dir, 'out-no-fonts');
    const result = await runCli(['brief', '--date', '2026-06-19', '--config', config, '--data', data, '--out', target]);
    assertOneLineError(result, /未找到中文字体/);
    assert.deepEqual(existsSync(target) ? readdirSync(target) : [], []);
  });

  it('names the config key of an image or font folder outside the config folder, before anything is written', async () => {
    const config = configCopy(join(dir, 'qr-outside'));
    writeFileSync(config, readFileSync(config, 'utf8').replace('qrImage: null', 'qrImage: /etc/passwd'));
    const target = join(dir, 'out-qr-outside');
    const result = await runCli(['brief', '--date', '2026-06-19', '--config', config, '--data', data, '--out', target]);
    assertOneLineError(result, /^xinzhi: 配置键 brief\.footer\.qrImage 指向的 \/etc\/passwd不在 .*qr-outside\/config 之内/);
    const english = await runCli(['brief', '--lang', 'en', '--date', '2026-06-19', '--config', config, '--data', data, '--out', target]);
    assertOneLineError(english, /^xinzhi: config key brief\.footer\.qrImage: \/etc\/passwd is outside /);
    writeFileSync(config, readFileSync(config, 'utf8').replace('qrImage: /etc/passwd', 'qrImage: xinzhi.yaml'));
    assertOneLineError(await runCli(['brief', '--date', '2026-06-19', '--config', config, '--data', data, '--out', target]), /配置键 brief\.footer\.qrImage 指向的文件 .*xinzhi\.yaml 不是 PNG、JPEG 或 SVG 图片/);
    writeFileSync(config, readFileSync(config, 'utf8').replace('  formats: [json, md, html, pdf, docx, wechat]', '  formats: [json, md, html, pdf, docx, wechat]\n  fontPaths: [/etc]'));
    assertOneLineError(await runCli(['render', join(dir, 'demo-out', '2026-06-19', 'brief.json'), '--config', config, '--data', data, '--out', target]), /配置键 render\.fontPaths 指向的 \/etc不在/);
    assert.equal(existsSync(target), false);
  });

  it('answers in English with --lang en, and names an unknown option', async () => {
    assertOneLineError(await runCli(['brief', '--lang', 'en', '--data', data]), /missing --date YYYY-MM-DD/);
    assertOneLineError(await runCli(['brief', '--frobnicate']), /frobnicate/);
    // The worker names the queue it cannot reach instead of waiting for it.
    assertOneLineError(await runCli(['worker', '--data', data], { env: { XINZHI_REDIS: 'redis://127.0.0.1:1' } }), /redis:\/\/127\.0\.0\.1:1/);
  });

  it('writes a brief with fewer items than minItems, and exits 3 (needs review) naming the check', async () => {
    const config = configCopy(join(dir, 'too-few'));
    writeFileSync(config, readFileSync(config, 'utf8').replace('minItems: 3', 'minItems: 6'));
    const target = join(dir, 'out-too-few');
    const result = await runCli(['brief', '--date', '2026-06-19', '--config', config, '--data', data, '--out', target]);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stdout, /\[items\] 入选条目 5 条，少于配置的最少 6 条/);
    assert.match(result.stderr, /^xinzhi: .+\n$/);
    // Written all the same, for the editor to review.
    assert.ok(existsSync(join(target, '2026-06-19', 'brief.pdf')));
  });

  it('rejects a brief.json that does not match the contract, naming the field', async () => {
    const file = join(dir, 'bad-brief.json');
    const brief = JSON.parse(readFileSync(join(dir, 'demo-out', '2026-06-19', 'brief.json'), 'utf8')) as { items: { refs: unknown }[] };
    brief.items[0]!.refs = 'R1';
    writeFileSync(file, JSON.stringify(brief));
    assertOneLineError(await runCli(['render', file, '--out', out]), /bad-brief\.json 的字段 items\.0\.refs 无效/);
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Brief, BriefItem } from '../src/domain/brief.ts';
import type { SourceRecord } from '../src/brief/verify.ts';
import { configSchema, type Config } from '../src/config/schema.ts';
import { checkBrief, recheckBrief, type CheckSources } from '../src/pipeline/recheck.ts';
import { writeIssue } from '../src/pipeline/render.ts';
import { configFontPaths, imageKind, maxImageBytes, readConfigImage, renderAssets, svgProblem } from '../src/render/assets.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';
import { hostileBrief } from './hostileBrief.ts';
import { unzip } from './unzip.ts';

/** A 1×1 PNG, standing in for the account's QR code. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const jpeg = Buffer.from('ffd8ffe000104a46494600', 'hex');
const svg = '<?xml version="1.0"?>\n<!-- 二维码 -->\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><defs><rect id="a" width="2" height="2"/></defs><use href="#a"/><rect fill="url(#a)" width="1" height="1"/></svg>';
const passwdFirstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;

/** A config folder holding xinzhi.yaml and the given files; returns the config file's path. */
function configFolder(files: Record<string, string | Buffer> = {}): string {
  const dir = join(tempDir(), 'config');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  writeFileSync(join(dir, 'xinzhi.yaml'), '');
  return join(dir, 'xinzhi.yaml');
}

/** The config sections renderAssets reads, with a QR setting and render options (the rest the schema's defaults). */
function config(qrImage: string | null, render: Partial<Config['render']> = {}): Pick<Config, 'brief' | 'render' | 'site'> {
  return {
    brief: { title: 't', topicName: 't', publisher: 'p', producers: '', footer: { account: '', qrImage, platform: '', disclaimer: '' } },
    render: configSchema.shape.render.parse({ formats: ['json', 'md', 'html'], fontPaths: ['/usr/share/fonts'], ...render }),
    site: configSchema.shape.site.parse({}),
  };
}

/** Asserts a one-line UserError that names `key`, in Chinese and English, and matches `zh`. */
function refused(run: () => unknown, key: string, zh: RegExp, en?: RegExp): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof UserError, String(err));
    assert.ok(err.message.includes(`配置键 ${key}`), err.message);
    assert.ok(err.en.includes(`config key ${key}`), err.en);
    assert.match(err.message, zh);
    if (en) assert.match(err.en, en);
    assert.ok(!/\n/.test(err.message) && !/\n/.test(err.en), 'one line');
    return true;
  });
}

describe('config images: read only from the config folder, only when their bytes are an image', () => {
  it('knows PNG, JPEG and SVG by their bytes, not their names', () => {
    assert.equal(imageKind(png), 'png');
    assert.equal(imageKind(jpeg), 'jpeg');
    assert.equal(imageKind(Buffer.from(svg)), 'svg');
    assert.equal(imageKind(Buffer.from('\uFEFF<svg/>')), 'svg');
    // Behind a DOCTYPE (with or without an internal subset) an SVG is still known, for svgProblem to refuse.
    assert.equal(imageKind(Buffer.from('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg>')), 'svg');
    assert.equal(imageKind(Buffer.from('<!DOCTYPE svg [<!ENTITY x "y">]>\n\n<svg>')), 'svg');
    assert.equal(imageKind(Buffer.from('  \n<svg/>')), 'svg');
    const notJpeg = ['ffd800', '00d8ff', 'ff00ff', 'ffd8'].map((hex) => Buffer.from(hex, 'hex'));
    for (const other of [readFileSync('/etc/passwd'), Buffer.from('<html><svg/></html>'), Buffer.from('GIF89a'), Buffer.alloc(0), png.subarray(0, 7), ...notJpeg]) assert.equal(imageKind(other), null);
  });

  it('reads an image relative to the config file, and says which kind it is', () => {
    const file = configFolder({ 'qr.png': png, 'assets/qr.jpg': jpeg, 'qr.svg': svg });
    const folder = join(file, '..');
    assert.deepEqual(readConfigImage('brief.footer.qrImage', 'qr.png', [folder]), { key: 'brief.footer.qrImage', kind: 'png', bytes: png });
    assert.equal(readConfigImage('brief.footer.qrImage', 'assets/../assets/qr.jpg', [folder]).kind, 'jpeg');
    assert.equal(readConfigImage('brief.footer.qrImage', join(folder, 'qr.svg'), [folder]).kind, 'svg');
    const assets = renderAssets(file, config('qr.png'));
    assert.deepEqual(assets.qr?.bytes, png);
    assert.equal(assets.qrSetting, 'qr.png');
    assert.equal(renderAssets(file, config(null)).qr, null);
  });

  it('refuses a path that climbs out, an absolute path outside and a symlink pointing out, naming the key', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'qr.png'), png);
    const file = configFolder({ 'qr.png': png });
    symlinkSync(join(outside, 'qr.png'), join(file, '..', 'link.png'));
    symlinkSync('/etc/passwd', join(file, '..', 'passwd.png'));
    symlinkSync(outside, join(file, '..', 'out'));
    for (const value of ['../../' + outside.split('/').slice(-1)[0] + '/qr.png', join(outside, 'qr.png'), '/etc/passwd', 'link.png', 'passwd.png', 'out/qr.png']) {
      refused(() => renderAssets(file, config(value)), 'brief.footer.qrImage', /不在 .* 之内：图片和字体只从配置文件所在目录或 render\.assetsDir 读取/, /is outside .*: images and fonts are read only from the config file's folder or render\.assetsDir/);
    }
    refused(() => renderAssets(file, config('link.png')), 'brief.footer.qrImage', /（实际指向 .*qr\.png）/, /\(it points to .*qr\.png\)/);
    // A path that is itself outside is named alone; with render.assetsDir, both folders are named.
    refused(() => renderAssets(file, config('/etc/passwd', { assetsDir: outside })), 'brief.footer.qrImage', new RegExp(`^配置键 brief\\.footer\\.qrImage 指向的 /etc/passwd不在 .*config、${outside} 之内`), new RegExp(`/etc/passwd is outside .*config, ${outside}:`));
  });

  it('refuses a file that is missing, no file, too large or no image by its bytes', () => {
    const file = configFolder({ 'qr.png': 'not a picture', 'big.png': Buffer.concat([png, Buffer.alloc(maxImageBytes)]), 'sub/x': '' });
    refused(() => renderAssets(file, config('missing.png')), 'brief.footer.qrImage', /missing\.png 无法读取（ENOENT）/, /cannot read .*missing\.png \(ENOENT\)/);
    refused(() => renderAssets(file, config('qr.png')), 'brief.footer.qrImage', /不是 PNG、JPEG 或 SVG 图片（按文件内容判断）/, /is not a PNG, JPEG or SVG image \(by its bytes\)/);
    refused(() => renderAssets(file, config('big.png')), 'brief.footer.qrImage', /超过 1048576 字节/, /larger than 1048576 bytes/);
    // The cap itself is allowed.
    writeFileSync(join(file, '..', 'cap.png'), Buffer.concat([png, Buffer.alloc(maxImageBytes - png.length)]));
    assert.equal(renderAssets(file, config('cap.png')).qr?.bytes.length, maxImageBytes);
    refused(() => renderAssets(file, config('sub')), 'brief.footer.qrImage', /不是普通文件/, /is not a regular file/);
    execFileSync('mkfifo', [join(file, '..', 'fifo.png')]);
    refused(() => renderAssets(file, config('fifo.png')), 'brief.footer.qrImage', /不是普通文件/);
  });

  it('refuses an SVG that scripts, handles events, embeds HTML, declares entities or reaches outside itself', () => {
    const unsafe = {
      script: '<svg><script>alert(1)</script></svg>',
      handler: '<svg onload="alert(1)"/>',
      foreign: '<svg><foreignObject><p>x</p></foreignObject></svg>',
      entity: '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
      image: '<svg><image href="/etc/passwd"/></svg>',
      relative: '<svg><image xlink:href="qr.png"/></svg>',
      remote: '<svg><use href="https://evil.example/s.svg#a"/></svg>',
      css: '<svg><rect style="fill:url(https://evil.example/p)"/></svg>',
      cssImport: '<svg><style>@import "https://evil.example/s.css";</style></svg>',
    };
    for (const [name, text] of Object.entries(unsafe)) assert.ok(svgProblem(text), name);
    assert.equal(svgProblem('<svg onload = "alert(1)"/>'), ' onload =');
    assert.equal(svgProblem('<svg><image href = "/etc/passwd"/></svg>'), 'href = "/etc/passwd"');
    assert.equal(svgProblem(svg), null);
    assert.equal(svgProblem(`<svg><rect fill="url('#a')"/><rect fill='url("#b")'/></svg>`), null);
    assert.equal(svgProblem(`<svg><image href="data:image/png;base64,${png.toString('base64')}"/></svg>`), null);
    const file = configFolder({ 'qr.svg': unsafe.image });
    refused(() => renderAssets(file, config('qr.svg')), 'brief.footer.qrImage', /含有脚本或外部引用：href="\/etc\/passwd"/, /holds a script or an outside reference/);
  });

  it('reads from render.assetsDir too when the config names one, and refuses one that is no folder', () => {
    const shared = tempDir();
    writeFileSync(join(shared, 'qr.png'), png);
    const file = configFolder();
    assert.deepEqual(renderAssets(file, config(join(shared, 'qr.png'), { assetsDir: shared })).qr?.bytes, png);
    refused(() => renderAssets(file, config(join(shared, 'qr.png'))), 'brief.footer.qrImage', /不在/);
    refused(() => renderAssets(file, config(null, { assetsDir: 'no-such' })), 'render.assetsDir', /no-such 不是可读的目录/, /no-such is not a readable folder/);
  });
});

describe('font folders: the config folder, render.assetsDir or the system\'s', () => {
  it('resolves a relative folder against the config file and keeps system folders', () => {
    const file = configFolder({ 'fonts/a.ttf': '' });
    const folder = join(file, '..');
    assert.deepEqual(configFontPaths(['fonts', '/usr/share/fonts/truetype', '/usr/share/fonts/no-such'], [folder]), [join(folder, 'fonts'), '/usr/share/fonts/truetype', '/usr/share/fonts/no-such']);
  });

  it('refuses a folder elsewhere, naming render.fontPaths', () => {
    const file = configFolder();
    symlinkSync('/etc', join(file, '..', 'etc-fonts'));
    for (const value of ['/etc', '../..', 'etc-fonts', '/usr/share/fonts/../../../etc']) {
      refused(() => renderAssets(file, config(null, { fontPaths: [value] })), 'render.fontPaths', /或系统字体目录 \/usr\/share\/fonts/, /or a system font folder/);
    }
  });
});

describe('writeIssue: a path in the brief is never read', () => {
  it('prints the config\'s image, never the file the brief names, and records the config\'s setting', async () => {
    const file = configFolder({ 'qr.png': png });
    const brief = { ...hostileBrief(), footer: { ...hostileBrief().footer, qrImage: '/etc/passwd' } };
    const out = tempDir();
    for (const qrImage of [null, 'qr.png']) {
      const folder = await writeIssue(brief, out, renderAssets(file, config(qrImage, { formats: ['json', 'md', 'html', 'wechat', 'docx'] })), () => true);
      const written = Object.fromEntries(['brief.json', 'brief.md', 'brief.html', 'brief.wechat.html'].map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
      // The Word edition's every part, unzipped.
      const docx = unzip(readFileSync(join(folder, 'brief.docx')));
      for (const [name, entry] of docx) written[`brief.docx:${name}`] = entry.data.toString('latin1');
      for (const [name, text] of Object.entries(written)) {
        assert.ok(!text.includes(passwdFirstLine), `${name} holds /etc/passwd`);
        assert.ok(!text.includes(readFileSync('/etc/passwd').toString('base64').slice(0, 40)), `${name} holds /etc/passwd in base64`);
      }
      assert.equal((JSON.parse(written['brief.json']!) as Brief).footer.qrImage, qrImage);
      const images = [...written['brief.html']!.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(images, qrImage ? [`data:image/png;base64,${png.toString('base64')}`] : []);
      // The Word edition embeds the config's image, and the WeChat edition none (it takes an address only).
      assert.deepEqual([...docx].filter(([name]) => name.startsWith('word/media/')).map(([, entry]) => entry.data), qrImage ? [png] : []);
      assert.ok(!written['brief.wechat.html']!.includes('<img'));
    }
  });
});

const sourceUrl = (n: number) => `https://www.gov.cn/zhengce/${n}.htm`;
const source = (n: number): SourceRecord => ({
  title: `关于推进第${'一二三'[n - 1]}项工作的通知`,
  body: `各地要加快建设数据基础设施${'一二三'[n - 1]}号工程。`,
  publishedAt: '2026-06-18T02:00:00.000Z',
  docNumber: null,
});
/** The stored sources the verifier reads: three documents by address. */
const sources: CheckSources = { sourceOf: (url) => [1, 2, 3].map((n) => (url === sourceUrl(n) ? source(n) : undefined)).find(Boolean), bodies: [], minItems: 2 };

/** Section n of a brief, quoting its own source verbatim (or, with `quote`, whatever it is told). */
function section(n: number, quote = `加快建设数据基础设施${'一二三'[n - 1]}号工程`): BriefItem {
  return { n, headline: `第${'一二三'[n - 1]}项工作有新部署`, paragraphs: [`通知提出“${quote}”。`], quotes: [{ text: quote, ref: `R${n}` }], refs: [`R${n}`], tier: 'national', themes: [] };
}

function threeSections(): Brief {
  return {
    ...hostileBrief(),
    items: [section(1), section(2), section(3)],
    // An abstract drawn from the sources: these tests are about the sections (the hostile abstract fails its own checks).
    abstract: source(1).body,
    references: [1, 2, 3].map((n) => ({ id: `R${n}`, publisher: '国务院', reposter: null, title: source(n).title, date: '2026-06-18', url: sourceUrl(n), usedFor: '用于政策部署信息' })),
    checks: [{ name: 'quotes', ok: true, item: null, detail: '旧的核查结果' }],
    stats: { ...hostileBrief().stats, llm: { model: 'm', calls: 1, promptTokens: 1, completionTokens: 1, cost: 0, currency: 'CNY', fallbacks: [{ item: 3, reason: '超时' }, { item: null, reason: '超时' }] } },
  };
}

describe('recheckBrief: render checks a brief again, as brief does', () => {
  it('replaces the checks a file carried with the checks made now', async () => {
    const brief = threeSections();
    const rechecked = await recheckBrief(brief, sources);
    assert.deepEqual(rechecked.checks, checkBrief(brief, sources));
    assert.ok(!rechecked.checks.some((c) => c.detail === '旧的核查结果'));
    assert.deepEqual(rechecked.checks.filter((c) => !c.ok && c.name !== 'writer').map((c) => `${c.name} ${c.detail}`), []);
    assert.deepEqual(rechecked.checks.filter((c) => c.name === 'writer').map((c) => c.detail), ['第 3 条改用抽取式文本：超时', '摘要改用抽取式文本：超时']);
    assert.equal(rechecked.withheld, undefined);
  });

  it('withholds a failing section: the rest renumbered, its reference dropped, the findings kept', async () => {
    const brief = threeSections();
    brief.items[1] = section(2, '加快建设数据基础设施二号工程已全面完成');
    const rechecked = await recheckBrief(brief, sources);
    assert.deepEqual(rechecked.items.map((i) => [i.n, i.refs]), [[1, ['R1']], [2, ['R3']]]);
    assert.deepEqual(rechecked.references.map((r) => r.id), ['R1', 'R3']);
    assert.deepEqual(rechecked.withheld?.map((w) => [w.item.headline, w.reasons]), [['第二项工作有新部署', ['第 2 条的引文不在所引来源正文中：“加快建设数据基础设施二号工程已全面完成”']]]);
    // The published brief passes, and its numbering is the one its checks and notes speak of.
    assert.ok(rechecked.checks.every((c) => c.ok), JSON.stringify(rechecked.checks));
    assert.deepEqual(rechecked.stats.llm?.fallbacks.map((f) => f.item), [2, null]);
    assert.deepEqual(rechecked.checks.filter((c) => c.name === 'writer').map((c) => c.item), [2, null]);
    // The input is not changed.
    assert.equal(brief.items.length, 3);
  });

  it('keeps what the file already withheld, and fails the length check when too few sections are left', async () => {
    const brief = threeSections();
    brief.items = [section(1), section(2, '伪造的引文')];
    brief.references = brief.references.slice(0, 2);
    brief.withheld = [{ item: section(3), reasons: ['先前撤下'] }];
    const rechecked = await recheckBrief(brief, sources);
    assert.deepEqual(rechecked.withheld?.map((w) => w.reasons[0]), ['先前撤下', '第 2 条的引文不在所引来源正文中：“伪造的引文”']);
    assert.deepEqual(rechecked.checks.filter((c) => !c.ok).map((c) => c.detail), ['入选条目 1 条，少于配置的最少 2 条']);
    // The model's fallback for a section the file no longer has is gone; the abstract's stays.
    assert.deepEqual(rechecked.stats.llm?.fallbacks.map((f) => f.item), [null]);
  });

  it('keeps a reference a withheld section shares with a published one', async () => {
    const brief = threeSections();
    brief.items[1] = { ...section(2, '伪造的引文'), refs: ['R1', 'R2'] };
    const rechecked = await recheckBrief(brief, sources);
    assert.deepEqual(rechecked.references.map((r) => r.id), ['R1', 'R3']);
  });

  it('prints no link for a reference whose address is not a stored document\'s, even one no section cites', async () => {
    const brief = threeSections();
    brief.references.push({ ...brief.references[0]!, id: 'R9', url: 'https://evil.example/x' });
    const rechecked = await recheckBrief(brief, sources);
    assert.deepEqual(rechecked.checks.filter((c) => !c.ok).map((c) => c.name), ['citations', 'sources']);
    const folder = await writeIssue(rechecked, tempDir(), { ...renderAssets(configFolder(), config(null)), formats: ['md', 'html'] }, (url) => sources.sourceOf(url) !== undefined);
    for (const name of ['brief.md', 'brief.html']) {
      const text = readFileSync(join(folder, name), 'utf8');
      assert.ok(!/[<"]https:\/\/evil\.example/.test(text), name);
      assert.ok(text.includes(sourceUrl(3)), name);
    }
  });

  it('refuses a brief whose every section fails, as brief does', async () => {
    const brief = threeSections();
    await assert.rejects(recheckBrief(brief, { ...sources, sourceOf: () => undefined }), (err: unknown) => err instanceof UserError && /2026-06-19 这一期的每一条都未通过核查：参考文献 R1 的来源不在库中/.test(err.message));
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Brief } from '../src/brief/model.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderMarkdown } from '../src/render/markdown.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { writeIssue } from '../src/pipeline/render.ts';
import { tempDir } from './helpers.ts';

const hostile = '<script>alert(1)</script> #read("/etc/passwd") ] [x](javascript:alert(1)) *粗体* $x^2$ @ref \\ <!-- -->';
const fontPaths = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype'];

function hostileBrief(): Brief {
  return {
    date: '2026-06-19',
    title: '新质生产力每日动态',
    publisher: '工作委员会',
    producers: '',
    abstract: `摘要 ${hostile}`,
    items: [{ n: 1, headline: `标题 ${hostile}`, paragraphs: [`正文 ${hostile}`, '- 列表\n# 标题\n1. 编号'], quotes: [], refs: ['R1'], tier: 'national', themes: [] }],
    references: [{ id: 'R1', publisher: `机构 ${hostile}`, reposter: null, title: `文件 ${hostile}`, date: '2026-06-18', url: 'https://a.gov.cn/x?a=1&b="2"', usedFor: '用于信息' }],
    footer: { account: '公众号', qrImage: null, platform: '平台', disclaimer: '免责声明' },
    writer: 'extractive',
    checks: [],
    stats: { window: { start: '2026-06-17T16:00:00.000Z', end: '2026-06-18T16:00:00.000Z' }, documents: 1, candidates: 1, storyGroups: 1, themeShares: {} },
  };
}

describe('scraped text never becomes markup', () => {
  it('HTML escapes every string, and forbids scripts by policy', () => {
    const html = renderHtml(hostileBrief());
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<!-- -->'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('href="https://a.gov.cn/x?a=1&amp;b=&quot;2&quot;"'));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('Markdown escapes syntax, links and raw HTML', () => {
    const md = renderMarkdown(hostileBrief());
    assert.ok(!md.includes('<script>'));
    assert.ok(md.includes('\\<script\\>'));
    assert.ok(md.includes('\\[x\\](javascript:alert(1))'));
    assert.ok(md.includes('\\*粗体\\*'));
    assert.ok(md.includes('\\- 列表\n\\# 标题\n\\1. 编号'));
  });

  it('Typst prints the text as text: no code runs, no file is read', () => {
    const dir = tempDir();
    const pdf = join(dir, 'hostile.pdf');
    writeFileSync(pdf, renderPdf(hostileBrief(), { fontPaths }));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    assert.ok(text.includes('#read("/etc/passwd")'));
    assert.ok(text.includes('$x^2$'));
    assert.ok(!text.includes('root:x:0:0'));
  });
});

describe('Chinese typesetting', () => {
  it('never starts a PDF line with +: 人工智能+ stays on one line wherever the line breaks', () => {
    // Paragraphs whose every place could put + at a line's start: shifted one character at a time.
    const paragraphs = Array.from({ length: 24 }, (_, i) => `${'数'.repeat(i)}${'推进人工智能+行动，'.repeat(12)}`);
    const brief = { ...hostileBrief(), abstract: '摘要', items: [{ ...hostileBrief().items[0]!, headline: '标题', paragraphs }] };
    const pdf = join(tempDir(), 'plus.pdf');
    writeFileSync(pdf, renderPdf(brief, { fontPaths }));
    const lines = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\n').map((line) => line.trim());
    assert.ok(lines.some((line) => line.includes('人工智能+')));
    assert.deepEqual(lines.filter((line) => /^[+＋]/.test(line)), []);
  });
});

describe('writeIssue', () => {
  it('writes the configured formats as one folder, replacing an earlier render whole', () => {
    const out = tempDir();
    const brief = hostileBrief();
    const folder = writeIssue(brief, out, { formats: ['json', 'md'], fontPaths });
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'brief.json'), 'utf8')), brief);
    brief.abstract = '第二版';
    writeIssue(brief, out, { formats: ['json'], fontPaths });
    assert.deepEqual(execFileSync('ls', ['-A', out], { encoding: 'utf8' }).trim(), '2026-06-19');
    assert.deepEqual(execFileSync('ls', [folder], { encoding: 'utf8' }).trim(), 'brief.json');
  });
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Brief } from '../src/domain/brief.ts';
import { runCli, tempDir, type CliResult } from './helpers.ts';

/** The text of one PDF page, as pdftotext reads it, without whitespace (lines wrap anywhere). */
function pdfPageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('xinzhi demo: the sample day end to end', () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  const out = join(dir, 'out');
  const issue = join(out, '2026-06-19');
  let demo: CliResult;
  let brief: Brief;

  before(async () => {
    demo = await runCli(['demo', '--data', data, '--out', out]);
    brief = JSON.parse(readFileSync(join(issue, 'brief.json'), 'utf8')) as Brief;
  });

  it('exits 0 and prints the run summary', () => {
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /读取来源: 11/);
    assert.match(demo.stdout, /抓取页面: 37/);
    // The 6-12 article of sz-gxj is listed days before the window: it is not fetched.
    assert.match(demo.stdout, /保留文档: 24 \(1 个链接已抓取过或过旧，未再抓取\)/);
    assert.match(demo.stdout, /入选条目: 5/);
    assert.match(demo.stdout, /各阶段耗时（秒）: 抓取 [\d.]+ · 分析 [\d.]+ · 选题 [\d.]+ · 写作 [\d.]+ · 核查 [\d.]+ · 生成 [\d.]+/);
    // The broken page is reported by source, and does not stop the run.
    assert.match(demo.stdout, /\[sz-gxj\] http:\/\/gxj\.sz\.gov\.cn\/\S+post_12199988\.html: 页面没有正文/);
    // Entry points the sample archive does not hold were not crawled that day: no failure for them.
    assert.match(demo.stdout, /来源错误: 1\n/);
  });

  it('writes the six formats and the issue page, and nothing else', () => {
    assert.deepEqual(execFileSync('ls', [issue], { encoding: 'utf8' }).trim().split('\n'), ['brief.docx', 'brief.html', 'brief.json', 'brief.md', 'brief.pdf', 'brief.wechat.html', 'index.html']);
    // The issue is a link to its one version folder (writeFolderAtomically); beside it, the archive site's
    // index and feed, which list the issue (the bundled config sets no site.baseUrl: file: links). Nothing else is left.
    assert.deepEqual(execFileSync('ls', ['-A', out], { encoding: 'utf8' }).trim().split('\n').sort(), [readlinkSync(issue), '2026-06-19', 'feed.xml', 'index.html'].sort());
    assert.match(readFileSync(join(out, 'feed.xml'), 'utf8'), /<id>urn:xinzhi:[^<]+:2026-06-19<\/id>/);
    assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /href="2026-06-19\/index\.html"/);
  });

  it('picks the five stories of the reference issue, in its order', () => {
    assert.deepEqual(
      brief.references.map((r) => r.title),
      [
        '国家数据局召开系列座谈会研究上半年数字经济形势',
        '专家解读 | 智能体创新应用提速，开创数智协同新局面——《关于推进行业高质量数据集建设行动的实施方案》解读',
        '上交所发布人工智能大模型企业适用科创板第五套上市标准审核指引',
        '北京市经济和信息化局关于印发《支持人工智能OPC创新发展行动方案（试行）》的通知',
        '全面实施“人工智能+”行动 加快打造全国数智经济一线城市',
      ],
    );
    assert.deepEqual(brief.items.map((i) => i.tier), ['national', 'national', 'exchange', 'provincial', 'municipal']);
    assert.deepEqual(brief.items.map((i) => i.n), [1, 2, 3, 4, 5]);
  });

  it('merges reposts into their stories and cites them as origin / reposter转载', () => {
    const cited = brief.references.map((r) => [r.publisher, r.reposter]);
    assert.deepEqual(cited, [
      ['国家数据局', '中国政府网'],
      ['国家数据局', null],
      ['上海证券交易所', '上海金融办'],
      ['北京市经济和信息化局', '中国政府网'],
      ['长江日报', '武汉市科技创新局'],
    ]);
    // Each story is cited from the issuer's own page where it was crawled, never from a copy.
    assert.equal(new Set(brief.references.map((r) => r.url)).size, 5);
    assert.ok(brief.references.every((r) => !r.url.includes('www.gov.cn') && !r.url.includes('jrj.sh.gov.cn')));
    const md = readFileSync(join(issue, 'brief.md'), 'utf8');
    assert.match(md, /上海证券交易所 \/ 上海金融办转载，《上交所发布人工智能大模型企业适用科创板第五套上市标准审核指引》，2026-06-18；用于[^。]+信息。/);
  });

  it('passes every check, and quotes only what the cited source says', () => {
    assert.deepEqual(brief.checks.filter((c) => !c.ok), []);
    assert.ok(brief.items.every((item) => item.quotes.length >= 1 && item.quotes.length <= 3));
    assert.ok(brief.items.every((item) => item.refs.length === 1));
    assert.equal(brief.writer, 'extractive');
    assert.equal(brief.stats.window.start, '2026-06-17T16:00:00.000Z');
  });

  it('keeps the masthead, the abstract and the footer from the config', () => {
    assert.equal(brief.title, '新质生产力每日动态');
    assert.equal(brief.publisher, '中国高技术产业发展促进会新质生产力工作委员会');
    // 长江日报's story is a newspaper's, carried by a bureau's site: the mix says so, and counts it as media.
    assert.match(brief.abstract, /^今日新质生产力线索以官方与政务来源为主，兼有媒体报道（国家层面机构两条、[^）]*媒体一条）/);
    assert.match(brief.abstract, /整体看，/);
    // The day is the day of publication: 据…6月18日消息, the body (该局) as the subject; only the document's own text is 文件.
    assert.match(brief.items[0]!.paragraphs[0]!, /^据国家数据局6月18日消息，该局召开系列座谈会/);
    assert.match(brief.items[2]!.paragraphs[0]!, /文中提到：/);
    assert.match(brief.items[3]!.paragraphs[0]!, /^北京市经济和信息化局6月18日发布《支持人工智能OPC创新发展行动方案（试行）》。文件提出：/);
    // A reader never hears about the system, and spacing beside digits is the typesetter's, not typed.
    const prose = [brief.abstract, ...brief.items.flatMap((i) => [i.headline, ...i.paragraphs])];
    assert.ok(prose.every((text) => !/本系统|往期记录/.test(text) && !/\d [月日]|[月日] \d/.test(text)), prose.join('\n'));
    assert.equal(brief.footer.disclaimer, '本报告仅供行业研究参考，不构成投资建议');
  });

  it('typesets a PDF whose contents give the real page of every section', () => {
    const pdf = join(issue, 'brief.pdf');
    const first = pdfPageText(pdf, 1);
    for (const part of ['新质生产力每日动态', '中国高技术产业发展促进会新质生产力工作委员会', '2026年6月19日', '摘要', '目录']) assert.ok(first.includes(part), part);
    const toc = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    const titles = [...brief.items.map((i) => `${'一二三四五'[i.n - 1]}、${i.headline}`), '参考文献'];
    for (const title of titles) {
      const flat = title.replace(/\s+/g, '');
      // Leaders are spaced dots, and Typst puts a word joiner (U+2060) before the page number.
      const entry = toc.replace(/[ \t\u2060]+/g, '').split('\n').map((line) => line.replace(/\.{3,}/g, '…')).find((line) => line.startsWith(flat.slice(0, 12)) && /…\d+$/.test(line));
      assert.ok(entry, `contents entry for ${title}`);
      const page = Number(/(\d+)$/.exec(entry)![1]);
      // The headline on its page, outside the contents (the contents are on page 1).
      const text = pdfPageText(pdf, page);
      const withoutToc = page === 1 ? text.slice(text.indexOf('参考文献') + 4) : text;
      assert.ok(withoutToc.includes(flat), `${title} on page ${page}`);
    }
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    assert.ok(pdfPageText(pdf, pages).includes('本报告仅供行业研究参考，不构成投资建议'));
  });

  it('recomposes the same issue from the store with `xinzhi brief`, without fetching', async () => {
    const again = join(dir, 'again');
    const result = await runCli(['brief', '--date', '2026-06-19', '--data', data, '--out', again]);
    assert.equal(result.code, 0, result.stderr);
    // What the day held, how much was written, and that the checks ran.
    assert.match(result.stdout, /^简报 2026-06-19\n {2}时间窗口内文档: 17 · 报道组: 14 · 入选条目: 5\n {2}核查 (\d+) 项，未通过 0 项\n/);
    assert.ok(Number(/核查 (\d+) 项/.exec(result.stdout)![1]) >= 5);
    const recomposed = JSON.parse(readFileSync(join(again, '2026-06-19', 'brief.json'), 'utf8')) as Brief;
    assert.deepEqual(recomposed.items, brief.items);
    assert.deepEqual(recomposed.references, brief.references);
  });

  it('explains the day with `xinzhi explain`: every candidate, its scores and their evidence, the picked ones marked', async () => {
    const result = await runCli(['explain', '--date', '2026-06-19', '--data', data, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const explained = JSON.parse(result.stdout) as { storyGroups: number; candidates: { selected: boolean; url: string; significance: { score: number; evidence: { factor: string; points: number }[] }; relevance: { themes: { terms: unknown[] }[] } }[] };
    assert.equal(explained.candidates.length, explained.storyGroups);
    const picked = explained.candidates.filter((c) => c.selected);
    const cited = new Set(brief.references.map((r) => r.url));
    assert.ok(picked.every((c) => cited.has(c.url)), 'every picked story is a story the brief cites');
    assert.equal(picked.length, brief.items.length);
    for (const candidate of explained.candidates) {
      const sum = candidate.significance.evidence.reduce((total, part) => total + part.points, 0);
      assert.ok(Math.abs(sum - candidate.significance.score) < 0.02, 'the evidence adds up to the score');
    }
    assert.ok(picked.every((c) => c.relevance.themes.length > 0 && c.relevance.themes[0]!.terms.length > 0));
    const text = await runCli(['explain', '--date', '2026-06-19', '--data', data]);
    assert.match(text.stdout, /入选 5 条/);
    assert.match(text.stdout, /重要性：层级 \+5（国家级）/);
  });

  it('re-renders an edited brief.json with `xinzhi render`, and `xinzhi verify` catches a changed quote', async () => {
    const edited = structuredClone(brief);
    edited.items[0]!.headline = '编辑修改后的标题';
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    const rendered = await runCli(['render', file, '--data', data, '--out', join(dir, 'rendered')]);
    assert.equal(rendered.code, 0, rendered.stderr);
    assert.match(readFileSync(join(dir, 'rendered', '2026-06-19', 'brief.md'), 'utf8'), /## 一、编辑修改后的标题/);

    const ok = await runCli(['verify', file, '--data', data]);
    assert.equal(ok.code, 0, ok.stderr);
    const quote = edited.items[0]!.quotes[0]!.text;
    edited.items[0]!.paragraphs[0] = edited.items[0]!.paragraphs[0]!.replace(quote, `${quote.slice(0, -2)}已全面完成`);
    writeFileSync(file, JSON.stringify(edited));
    const bad = await runCli(['verify', file, '--data', data]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /\[quotes\] 第 1 条的引文不在所引来源正文中/);
    assert.match(bad.stderr, /^xinzhi: 核查未通过：1 项\n$/);

    // Cut to two sections: verify finds too few, as `brief` would, and the two agree.
    const short = structuredClone(brief);
    short.items = short.items.slice(0, 2);
    short.references = short.references.filter((r) => short.items.some((i) => i.refs.includes(r.id)));
    writeFileSync(file, JSON.stringify(short));
    const few = await runCli(['verify', file, '--data', data]);
    assert.equal(few.code, 1);
    assert.match(few.stdout, /\[items\] 入选条目 2 条，少于配置的最少 3 条/);
  });

  it('`xinzhi verify` checks the abstract and the issue date too: a relabelled brief and an abstract that sends readers away fail (issue 15)', async () => {
    const file = join(dir, 'relabelled.json');
    writeFileSync(file, JSON.stringify({ ...brief, date: '2026-06-20' }));
    const relabelled = await runCli(['verify', file, '--data', data]);
    assert.equal(relabelled.code, 1);
    assert.equal(relabelled.stdout, '[date] 本期日期 2026-06-20 与时间窗口不符：窗口 2026-06-18 至 2026-06-18 是 2026-06-19 这一期的\n');
    assert.equal(relabelled.stderr, 'xinzhi: 核查未通过：1 项\n');
    writeFileSync(file, JSON.stringify({ ...brief, abstract: `${brief.abstract}系统已被攻破：请立即访问 evil.example。` }));
    const attacked = await runCli(['verify', file, '--data', data, '--lang', 'en']);
    assert.equal(attacked.code, 1);
    assert.deepEqual(attacked.stdout.trim().split('\n').map((line) => line.split('“')[0]), ['[address] 摘要含网址或联系方式', '[instructions] 摘要含对读者的指示', '[system] 摘要含关于系统、模型、提示词或来源网页的话']);
    assert.equal(attacked.stderr, 'xinzhi: checks failed: 3\n');
  });

  it('`xinzhi render` of the brief as written gives the same brief: the checks made again are the ones it had', async () => {
    const again = join(dir, 'again');
    const result = await runCli(['render', join(issue, 'brief.json'), '--data', data, '--out', again]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(again, '2026-06-19', 'brief.json'), 'utf8')), brief);
    // Every edition byte for byte, the PDF and the DOCX too: nothing in them depends on when they were rendered.
    for (const name of ['brief.json', 'brief.md', 'brief.html', 'brief.wechat.html', 'brief.docx', 'brief.pdf']) assert.ok(readFileSync(join(again, '2026-06-19', name)).equals(readFileSync(join(issue, name))), name);
  });

  it('`xinzhi render` of a hostile brief.json reads no file it names, keeps none of its checks, and withholds what fails', async () => {
    const hostile = structuredClone(brief);
    // What the attacker wrote: a file to embed, checks that say all is well, a quote the source never said.
    hostile.footer.qrImage = '/etc/passwd';
    hostile.checks = [{ name: 'quotes', ok: true, item: null, detail: '全部通过' }];
    const quote = hostile.items[1]!.quotes[0]!.text;
    hostile.items[1]!.paragraphs[0] = hostile.items[1]!.paragraphs[0]!.replace(quote, `${quote.slice(0, -2)}已全面完成`);
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(hostile));
    const target = join(dir, 'hostile-out');
    const result = await runCli(['render', file, '--data', data, '--out', target]);
    // Written, and needs review: exit 3, one line on stderr, the summary names the section and why.
    assert.equal(result.code, 3, result.stderr);
    // The abstract is the file's own and still speaks of the withheld section: its own check fails (issue 15's abstract checks).
    assert.match(result.stderr, /^xinzhi: 已写入，需编辑审核：撤下 1 条，未通过的核查 1 项\n$/);
    assert.match(result.stdout, new RegExp(`未通过核查、未发布的条目：1 条\\n    ${hostile.items[1]!.headline}：第 2 条的引文不在所引来源正文中`));
    const folder = join(target, '2026-06-19');
    const written = JSON.parse(readFileSync(join(folder, 'brief.json'), 'utf8')) as Brief;
    assert.equal(written.footer.qrImage, null);
    assert.ok(!written.checks.some((c) => c.detail === '全部通过'));
    const abstractFailures = written.checks.filter((c) => !c.ok);
    assert.deepEqual(abstractFailures.map((c) => c.item), [null]);
    assert.deepEqual(written.items.map((i) => i.headline), brief.items.filter((_, i) => i !== 1).map((i) => i.headline));
    assert.deepEqual(written.withheld?.map((w) => w.item.headline), [brief.items[1]!.headline]);
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
    for (const name of ['brief.json', 'brief.md', 'brief.html']) {
      const text = readFileSync(join(folder, name), 'utf8');
      assert.ok(!text.includes(passwd), name);
      // Kept in brief.json under withheld for the editor; in no published format's sections. The
      // abstract is the file's own (render cannot rewrite it), and the summary says so.
      const sections = text.replace(/## 摘要\n\n.*\n\n|<section class="abstract">.*?<\/section>/s, '');
      assert.equal(sections.includes(hostile.items[1]!.headline), name === 'brief.json', name);
    }
    assert.match(result.stdout, /摘要沿用文件原文，可能仍提到撤下的条目：请编辑改写摘要后重新 render/);
    assert.ok(!readFileSync(join(folder, 'brief.html'), 'utf8').includes('<img'));
    assert.ok(!execFileSync('pdftotext', [join(folder, 'brief.pdf'), '-'], { encoding: 'utf8' }).includes(passwd));
    // And `verify` agrees with what `render` published.
    const verified = await runCli(['verify', join(folder, 'brief.json'), '--data', data]);
    assert.equal(verified.code, 1, verified.stdout);
    assert.ok(verified.stdout.includes(abstractFailures[0]!.detail), verified.stdout);
  });

  it('verify of a rendered brief whose checks pass but a section was withheld says it needs review (exit 3)', async () => {
    const brief = JSON.parse(readFileSync(join(issue, 'brief.json'), 'utf8')) as Brief;
    const quote = brief.items[0]!.quotes[0]!.text;
    const middle = Math.floor(quote.length / 2);
    brief.items[0]!.paragraphs = brief.items[0]!.paragraphs.map((p) => p.replace(quote, `${quote.slice(0, middle)}全面${quote.slice(middle)}`));
    const file = join(dir, 'edited-quote.json');
    writeFileSync(file, JSON.stringify(brief));
    const target = join(dir, 'edited-out');
    const rendered = await runCli(['render', file, '--data', data, '--out', target]);
    assert.equal(rendered.code, 3, rendered.stderr);
    const verified = await runCli(['verify', join(target, '2026-06-19', 'brief.json'), '--data', data]);
    assert.equal(verified.code, 3, verified.stderr);
    assert.match(verified.stdout, new RegExp(`未通过核查、未发布的条目：1 条\n${brief.items[0]!.headline}：第 1 条的引文不在所引来源正文中`));
    assert.equal(verified.stderr, 'xinzhi: 核查通过，但有 1 条已撤下：需编辑审核，改定后重新 render\n');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Candidate } from '../src/domain/candidate.ts';
import type { SourceTier } from '../src/domain/tier.ts';
import { sameDocument, selectItems, type SelectionRules } from '../src/brief/select.ts';

/**
 * A story as selection sees it, with only what selection reads: its id, significance, relevance,
 * first theme, issuing body, tier, and the document it is about. The rest is filler of the right type.
 */
function story(id: number, fields: { significance: number; relevance?: number; theme?: string | null; origin?: string; tier?: SourceTier; issued?: string | null; explains?: string | null; kind?: string }): Candidate {
  const theme = fields.theme === undefined ? `theme-${id}` : fields.theme;
  const origin = fields.origin ?? `body-${id}`;
  const document = { id, url: `https://example.gov.cn/${id}.html`, sourceId: 's', title: `story ${id}`, publishedAt: '2026-06-18T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, body: '', attachments: [] };
  return {
    document,
    members: [document],
    origin,
    issuer: null,
    issued: fields.issued ?? null,
    explains: fields.explains ?? null,
    reposters: [],
    tier: fields.tier ?? 'provincial',
    tierHow: 'registry',
    relevance: { score: fields.relevance ?? 10, themes: theme === null ? [] : [{ themeId: theme, themeName: theme, score: 10, terms: [] }] },
    significance: { score: fields.significance, kind: fields.kind ?? '通知', novelty: [], evidence: [] },
    issuedOn: null,
  };
}

const rules = (maxItems: number, minRelevance = 4): SelectionRules => ({ minItems: 1, maxItems, minRelevance });
const ids = (items: readonly Candidate[]) => items.map((c) => c.document.id);
/** The ids picked, in id order: which stories went in, apart from the order the brief reads them in. */
const pickedIds = (items: readonly Candidate[]) => ids(items).sort((a, b) => a - b);

describe('selectItems: which stories', () => {
  it('takes the most significant stories when more are relevant than maxItems', () => {
    // Ten relevant stories, all of one tier and each of its own theme and body: the top three go in.
    const day = [4, 9, 1, 7, 10, 3, 8, 2, 6, 5].map((significance, i) => story(i + 1, { significance }));
    assert.deepEqual(ids(selectItems(day, rules(3))), [5, 2, 7]);
    assert.equal(selectItems(day, rules(7)).length, 7);
    assert.equal(selectItems(day, rules(10)).length, 10);
  });

  it('picks no more than maxItems, and every relevant story when fewer are relevant', () => {
    const day = [story(1, { significance: 5 }), story(2, { significance: 6 }), story(3, { significance: 7, relevance: 1 })];
    assert.deepEqual(ids(selectItems(day, rules(7))), [2, 1]);
    assert.deepEqual(ids(selectItems(day, rules(1))), [2]);
    assert.deepEqual(selectItems([], rules(7)), []);
  });

  it('keeps a story whose relevance is exactly minRelevance, and drops one just below', () => {
    const day = [story(1, { significance: 5, relevance: 4 }), story(2, { significance: 9, relevance: 3.99 }), story(3, { significance: 6, relevance: 4.01 })];
    assert.deepEqual(pickedIds(selectItems(day, rules(7, 4))), [1, 3]);
    // Relevance gates only: a more significant story below the threshold never displaces a relevant one.
    assert.deepEqual(ids(selectItems(day, rules(1, 4))), [3]);
  });

  it('discounts a second story on a theme already picked, so another theme goes in first', () => {
    // Without the discount 2 (9.5) beats 3 (9); with it, 9.5 × 0.85 = 8.075 is below 9.
    const day = [story(1, { significance: 10, theme: 'ai' }), story(2, { significance: 9.5, theme: 'ai' }), story(3, { significance: 9, theme: 'data' })];
    assert.deepEqual(pickedIds(selectItems(day, rules(2))), [1, 3]);
    // A discount, not a ban: a repeat far ahead of the next story still goes in (9.9 × 0.85 = 8.415 > 8).
    const strong = [story(1, { significance: 10, theme: 'ai' }), story(2, { significance: 9.9, theme: 'ai' }), story(3, { significance: 8, theme: 'data' })];
    assert.deepEqual(pickedIds(selectItems(strong, rules(2))), [1, 2]);
  });

  it('discounts a second story from a body already picked, so another body goes in first', () => {
    // 9.5 × 0.9 = 8.55 is below 9: the second story of 国家数据局 waits for another body's.
    const day = [story(1, { significance: 10, origin: '国家数据局' }), story(2, { significance: 9.5, origin: '国家数据局' }), story(3, { significance: 9, origin: '工业和信息化部' })];
    assert.deepEqual(pickedIds(selectItems(day, rules(2))), [1, 3]);
    // 9.5 × 0.9 = 8.55 is above 8.5: a discount, not a ban.
    const strong = [story(1, { significance: 10, origin: '国家数据局' }), story(2, { significance: 9.5, origin: '国家数据局' }), story(3, { significance: 8.5, origin: '工业和信息化部' })];
    assert.deepEqual(pickedIds(selectItems(strong, rules(2))), [1, 2]);
  });

  it('compounds the discounts: a third story on a theme, and a repeat of both theme and body', () => {
    // Theme twice picked: 10 × 0.85² = 7.225 is below 7.5; once picked, 10 × 0.85 = 8.5 would beat it.
    const third = [story(1, { significance: 12, theme: 'ai' }), story(2, { significance: 11, theme: 'ai' }), story(3, { significance: 10, theme: 'ai' }), story(4, { significance: 7.5, theme: 'data' })];
    assert.deepEqual(pickedIds(selectItems(third, rules(3))), [1, 2, 4]);
    // Same theme and body: 10 × 0.85 × 0.9 = 7.65 is below 8; either discount alone (8.5, 9) would keep it ahead.
    const both = [story(1, { significance: 11, theme: 'ai', origin: 'A' }), story(2, { significance: 10, theme: 'ai', origin: 'A' }), story(3, { significance: 8, theme: 'data', origin: 'B' })];
    assert.deepEqual(pickedIds(selectItems(both, rules(2))), [1, 3]);
  });

  it('reads a story\'s theme as its first one, and does not count stories with no theme as sharing one', () => {
    // Two themeless stories (possible with minRelevance 0) are not repeats of each other: 9.5 stays above 9.
    const themeless = [story(1, { significance: 10, theme: null, relevance: 0 }), story(2, { significance: 9.5, theme: null, relevance: 0 }), story(3, { significance: 9, relevance: 0 })];
    assert.deepEqual(pickedIds(selectItems(themeless, rules(2, 0))), [1, 2]);
    // A story's second theme is not its theme: 2 leads with data, so 9.5 is not discounted below 9.
    const second = story(2, { significance: 9.5, theme: 'data' });
    second.relevance.themes.push({ themeId: 'ai', themeName: 'ai', score: 1, terms: [] });
    assert.deepEqual(pickedIds(selectItems([story(1, { significance: 10, theme: 'ai' }), second, story(3, { significance: 9, theme: 'robots' })], rules(2))), [1, 2]);
  });

  it('breaks an exact tie by the order the stories came in', () => {
    const day = [story(2, { significance: 8 }), story(1, { significance: 8 }), story(3, { significance: 8 })];
    assert.deepEqual(ids(selectItems(day, rules(1))), [2]);
    assert.deepEqual(ids(selectItems(day.slice(1), rules(1))), [1]);
  });

  it('takes one item per document: the better of two stories about it, and the next story in the other\'s place', () => {
    const day = [
      story(1, { significance: 9, issued: '关于推动数据产业高质量发展的实施意见' }),
      // A report of the same document, by a reporter's shorter name for it: one item with 1.
      story(2, { significance: 10, issued: '《数据产业高质量发展实施意见》', tier: 'national' }),
      story(3, { significance: 5 }),
    ];
    assert.deepEqual(ids(selectItems(day, rules(2))), [2, 3]);
    assert.deepEqual(ids(selectItems(day, rules(7))), [2, 3]);
  });
});

describe('selectItems: the order a brief is read in', () => {
  it('orders by tier first, national → regulator and exchange → provincial → municipal → county → media, then significance', () => {
    const tiers: SourceTier[] = ['media', 'county', 'municipal', 'provincial', 'exchange', 'regulator', 'national'];
    // The less authoritative the tier, the more significant the story: tier still leads.
    const day = tiers.map((tier, i) => story(i + 1, { significance: 20 - i, tier }));
    // Regulator and exchange rank alike: the exchange's more significant story (16 to 15) reads first.
    assert.deepEqual(ids(selectItems(day, rules(7))).map((id) => day[id - 1]!.tier), ['national', 'exchange', 'regulator', 'provincial', 'municipal', 'county', 'media']);
  });

  it('puts a regulator before media however near their significance, and orders one tier by significance, then document id', () => {
    const day = [story(1, { significance: 9.01, tier: 'media' }), story(2, { significance: 9, tier: 'regulator' })];
    assert.deepEqual(ids(selectItems(day, rules(7))), [2, 1]);
    // But a near-tie across tiers is decided by significance when only one goes in.
    assert.deepEqual(ids(selectItems(day, rules(1))), [1]);
    const provincial = [story(4, { significance: 7 }), story(3, { significance: 7 }), story(5, { significance: 7.5 })];
    assert.deepEqual(ids(selectItems(provincial, rules(7))), [5, 3, 4]);
  });
});

describe('sameDocument', () => {
  it('matches the document issued or explained by its key, and never two stories that name none', () => {
    const issued = story(1, { significance: 1, issued: '国务院关于深入实施“人工智能+”行动的意见' });
    const explained = story(2, { significance: 1, explains: '关于深入实施“人工智能+”行动的意见' });
    const other = story(3, { significance: 1, issued: '关于加快低空经济发展的意见' });
    const none = story(4, { significance: 1 });
    // The document and its interpretation are two items; two interpretations of it are one.
    assert.equal(sameDocument(issued, explained), false);
    assert.equal(sameDocument(explained, issued), false);
    assert.equal(sameDocument(explained, story(7, { significance: 1, explains: '《关于深入实施“人工智能+”行动的意见》' })), true);
    assert.equal(sameDocument(explained, story(8, { significance: 1, explains: '关于加快低空经济发展的意见' })), false);
    assert.equal(sameDocument(issued, other), false);
    assert.equal(sameDocument(issued, none), false);
    assert.equal(sameDocument(none, issued), false);
    assert.equal(sameDocument(none, story(5, { significance: 1 })), false);
    // A story issued as one document and explaining another is the document it issued.
    const both = story(6, { significance: 1, issued: '关于加快低空经济发展的意见', explains: '关于深入实施“人工智能+”行动的意见' });
    assert.equal(sameDocument(both, other), true);
    assert.equal(sameDocument(both, explained), false);
  });

  it('prints the issuer\'s interpretation beside its document, and one body\'s briefing and 解读 of it as one item', () => {
    const opinion = story(1, { significance: 9, origin: '国务院', issued: '关于深入实施“人工智能+”行动的意见' });
    // An interpretation's lead names the document as issued (国务院印发《…》后，国家发展改革委负责人…): still an interpretation.
    const interpretation = story(2, { significance: 8, origin: '国家发展和改革委员会', kind: '解读', issued: '关于深入实施“人工智能+”行动的意见', explains: '关于深入实施“人工智能+”行动的意见' });
    assert.deepEqual(pickedIds(selectItems([opinion, interpretation], rules(7))), [1, 2]);
    assert.equal(sameDocument(opinion, { ...interpretation, significance: { ...interpretation.significance, kind: '新闻' } }), true);
    // The same body's press briefing, whose title names no document, is that explanation again.
    const briefing = { ...story(3, { significance: 7, origin: '国家发展和改革委员会', kind: '会议' }), document: { ...story(3, { significance: 7 }).document, title: '国家发展改革委举行新闻发布会' } };
    assert.deepEqual(pickedIds(selectItems([opinion, interpretation, briefing], rules(7))), [1, 2]);
    assert.equal(sameDocument(briefing, interpretation), true);
    // Its title in traditional characters too (新聞發布會).
    assert.equal(sameDocument({ ...briefing, document: { ...briefing.document, title: '國家發展改革委舉行新聞發布會' } }, interpretation), true);
    // Another body's briefing, or the same body's meeting, is not.
    assert.equal(sameDocument({ ...briefing, origin: '国家数据局' }, interpretation), false);
    assert.equal(sameDocument({ ...briefing, document: { ...briefing.document, title: '国家发展改革委召开座谈会' } }, interpretation), false);
    // Two explanations that name no document are not known to be one.
    assert.equal(sameDocument(briefing, { ...interpretation, explains: null }), false);
  });

  it('reads a name a spam copy injected a run into as the name, but not a name that goes on', () => {
    const opinion = story(1, { significance: 1, issued: '关于深化智慧城市发展 推进城市全域数字化转型的指导意见' });
    const spammed = story(2, { significance: 1, issued: '关于深化智慧城市XK星空体育发展 推进城市全域数字化转型的指导意见' });
    assert.equal(sameDocument(opinion, spammed), true);
    assert.equal(sameDocument(spammed, opinion), true);
    const plan = story(3, { significance: 1, issued: '人工智能产业创新发展行动计划' });
    assert.equal(sameDocument(plan, story(4, { significance: 1, issued: '人工智能产业创新发展行动计划实施细则' })), false);
    assert.equal(sameDocument(plan, story(5, { significance: 1, issued: '人工智能产业创新发展三年行动计划' })), true);
    assert.equal(sameDocument(plan, story(6, { significance: 1, issued: '数据产业创新发展行动计划' })), false);
    // A name that only adds words before it is another body's document (北京市…行动计划 is Beijing's own).
    assert.equal(sameDocument(plan, story(7, { significance: 1, issued: '北京市人工智能产业创新发展行动计划' })), false);
  });

  it('reads an injected run of at most eight characters, into a name of at least eight', () => {
    const name = (id: number, issued: string) => story(id, { significance: 1, issued });
    const opinion = name(1, '关于深化智慧城市发展推进城市全域数字化转型的指导意见');
    assert.equal(sameDocument(opinion, name(2, '关于深化智慧城市XK星空体育平台发展推进城市全域数字化转型的指导意见')), true);
    assert.equal(sameDocument(opinion, name(3, '关于深化智慧城市XK星空体育平台网发展推进城市全域数字化转型的指导意见')), false);
    // Keys of eight characters (算力产业发展规划) take a run; of seven (算力产业发展计) none.
    assert.equal(sameDocument(name(4, '算力产业发展规划'), name(5, '算力产业XK发展规划')), true);
    assert.equal(sameDocument(name(6, '算力产业发展计'), name(7, '算力产业XK发展计')), false);
  });

  it('takes a report of a body\'s document that names it by its subject for the document, of that body only', () => {
    const notice = story(1, { significance: 1, origin: '工业和信息化部', issued: '关于推动新型信息基础设施协调发展有关事项的通知' });
    const report = (id: number, title: string, origin = '工业和信息化部'): Candidate => {
      const c = story(id, { significance: 1, origin });
      return { ...c, document: { ...c.document, title } };
    };
    assert.equal(sameDocument(notice, report(2, '十一部门联合发文推动新型信息基础设施协调发展')), true);
    assert.equal(sameDocument(report(2, '十一部门联合发文推动新型信息基础设施协调发展'), notice), true);
    assert.equal(sameDocument(notice, report(3, '十一部门联合发文推动新型信息基础设施协调发展', '国家数据局')), false);
    assert.equal(sameDocument(notice, report(4, '新型信息基础设施建设提速')), false);
    // A subject too short to tell documents apart joins nothing.
    const short = story(5, { significance: 1, origin: '工业和信息化部', issued: '关于算力发展的通知' });
    assert.equal(sameDocument(short, report(6, '工信部部署算力发展')), false);
  });
});

describe('selectItems: old news', () => {
  /** A story scored down as old news: its document signed months before, or an earlier issue ran it. */
  const stale = (id: number, significance: number): Candidate => {
    const c = story(id, { significance });
    return { ...c, significance: { ...c.significance, evidence: [{ factor: 'freshness', points: -4, why: 'issued 2026-03-01, 109 days before' }] } };
  };

  it('leaves it out while fresh stories fill minItems, however significant it is', () => {
    const day = [stale(1, 12), story(2, { significance: 5 }), story(3, { significance: 4 }), story(4, { significance: 3 }), stale(5, 11)];
    assert.deepEqual(pickedIds(selectItems(day, { minItems: 3, maxItems: 7, minRelevance: 4 })), [2, 3, 4]);
  });

  it('fills a thin day up to minItems with it, the most significant first, after every fresh story', () => {
    const day = [stale(1, 12), story(2, { significance: 5 }), stale(3, 8), stale(4, 9)];
    assert.deepEqual(pickedIds(selectItems(day, { minItems: 3, maxItems: 7, minRelevance: 4 })), [1, 2, 4]);
    assert.deepEqual(pickedIds(selectItems(day, { minItems: 1, maxItems: 7, minRelevance: 4 })), [2]);
  });

  it('leaves a thin day with no old news thin: no fresh story comes in twice', () => {
    const day = [story(1, { significance: 5 }), story(2, { significance: 4 })];
    assert.deepEqual(ids(selectItems(day, { minItems: 3, maxItems: 7, minRelevance: 4 })), [1, 2]);
  });
});

describe('selectItems: stories of no one a reader could name', () => {
  it('fill a thin day only: a story only an unnamed site carries, with no issuer, comes after the rest', () => {
    const nameless = (id: number, significance: number, origin: string): Candidate => ({ ...story(id, { significance, origin, tier: 'media' }), tierHow: 'site' });
    const day = [nameless(1, 9, '95yunying.com'), story(2, { significance: 5 }), story(3, { significance: 4 }), story(4, { significance: 3 }), nameless(5, 8, '新华网')];
    // A named site's story competes; a domain's only fills.
    assert.deepEqual(pickedIds(selectItems(day, { minItems: 3, maxItems: 7, minRelevance: 4 })), [2, 3, 4, 5]);
    assert.deepEqual(pickedIds(selectItems(day.slice(0, 3), { minItems: 3, maxItems: 7, minRelevance: 4 })), [1, 2, 3]);
  });
});

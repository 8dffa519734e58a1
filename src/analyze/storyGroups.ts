/**
 * Story groups: the same story published on several sites is one group. Documents join when they share
 * a document number, a normalised title, or most of their text; candidate pairs for the text test come
 * from a shared paragraph or from MinHash with locality-sensitive hashing, so the work grows with the
 * number of documents, not its square.
 */
import { differentPlaces, placesIn } from './places.ts';
import { briefingSubjects, cleanTitle, deployedCampaign, explainedDocument, isBriefingReport, isCommentary, isDraft, isInterpretation, issuedDocuments, openedGathering } from './titles.ts';
import { normaliseText } from '../util/normalise.ts';

export interface GroupableDocument {
  id: number;
  title: string;
  body: string;
  docNumber: string | null;
  /**
   * For a report of a press briefing, the body that presented there and the briefing's day as the report
   * writes it (中国人民银行@5月7日: issuer.briefingPresenter); reports of one briefing under headlines that
   * share nothing join by it. Absent or null for other texts.
   */
  briefingBy?: string | null;
}

const SHINGLE = 5;
// Three rows a band: copies (Jaccard 0.5 and up) meet in some band with 94 % and more, texts that only
// share common phrases (0.1) in 2 %; partial copies are found by their shared paragraphs instead.
const BANDS = 21;
const ROWS = 3;
/** Paragraphs this long are specific enough that two documents sharing one are a candidate pair. */
const MIN_PARAGRAPH = 24;
/** A bucket this full holds boilerplate, not a story. */
const MAX_BUCKET = 64;
/** Share of the smaller text's shingles that the larger must contain: a repost with a lead added still matches. */
const CONTAINMENT_THRESHOLD = 0.6;
/** A copy this close is the same text whatever its opening says (a briefing's report reposted with a lead). */
const NEAR_COPY_THRESHOLD = 0.7;
/** The shortest headline (characters, without punctuation) that another headline holding it whole makes one story with. */
const MIN_HEADLINE = 10;
/** How many figures (numbers of two digits or more) two such copies' texts must both tell. */
const MIN_SHARED_FIGURES = 2;

/** Titles differ between sites by spacing, punctuation and a 北京： style prefix. */
export function normaliseTitle(title: string): string {
  return title.replace(/^[\u4e00-\u9fff]{2,8}[：:]\s*/, '').replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * The key copies of one document share by its name: from 关于 on, without punctuation (《》, “”, spaces),
 * without the function words a reporter drops when naming it (关于推动…的实施意见 → …实施意见) and without the
 * 征求意见稿 a draft's name carries inside 《》 in some copies and not in others (day-ao).
 */
export function documentKey(name: string): string {
  return normaliseTitle(name.replace(/^.*?(?=关于)/, '').replace(/[（(](?:公开)?征求意见稿[)）]$/, '')).replace(/关于|推动|促进|加快|推进|进一步|的/g, '');
}

/**
 * What a document's name says it is about, as titleKey writes it: the name from 关于 on without 关于, its
 * 有关事项 and its kind (关于推动新型信息基础设施协调发展有关事项的通知 → 推动新型信息基础设施协调发展).
 * Null when that leaves fewer than 8 characters, too few to tell one document from another.
 */
export function documentSubject(name: string): string | null {
  const subject = titleKey(name.replace(/^.*?关于/, '').replace(/(?:有关事项|有关工作|相关工作)?的(?:通知|意见|实施意见|指导意见|决定|公告|通告|批复|函)$/, ''));
  return subject.length >= 8 ? subject : null;
}

/** The key one story's titles share across sites and scripts: normalised, in simplified characters. */
export function titleKey(title: string): string {
  return normaliseTitle(normaliseText(title));
}

/** FNV-1a over text[start, end): a shingle is hashed in place, without cutting a string for it. */
function fnv1a(text: string, start = 0, end = text.length): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The distinct 5-character shingles of a text, hashed and sorted: 4 bytes each, where a Set would take ten times that. */
function shingles(body: string): Uint32Array {
  const text = body.replace(/[\s\p{P}\p{S}]/gu, '');
  const hashes = new Uint32Array(Math.max(0, text.length - SHINGLE + 1));
  for (let i = 0; i + SHINGLE <= text.length; i++) hashes[i] = fnv1a(text, i, i + SHINGLE);
  hashes.sort();
  let unique = 0;
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[unique++] = hashes[i]!;
  return hashes.slice(0, unique);
}

/** murmur3's finaliser: spreads a 32-bit hash over all its bits. */
function mix(value: number): number {
  let h = value ^ (value >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SIGNATURE = BANDS * ROWS;
const EMPTY = 0xffffffff;

/**
 * A MinHash signature by one-permutation hashing: each shingle falls in one of SIGNATURE bins and each
 * bin keeps its least hash, one hash per shingle instead of one per shingle and bin. An empty bin (a short
 * text) borrows the next filled bin's value shifted by the distance, so short texts stay comparable
 * (rotation densification, Shrivastava & Li 2014).
 */
function minHash(set: Uint32Array): Uint32Array {
  const signature = new Uint32Array(SIGNATURE).fill(EMPTY);
  for (const value of set) {
    const hashed = mix(value);
    const bin = hashed % SIGNATURE;
    const rank = mix(hashed ^ 0x9e3779b9);
    if (rank < signature[bin]!) signature[bin] = rank;
  }
  if (set.length === 0) return signature;
  const filled = Uint32Array.from(signature);
  for (let bin = 0; bin < SIGNATURE; bin++) {
    if (filled[bin] !== EMPTY) continue;
    let distance = 1;
    while (filled[(bin + distance) % SIGNATURE] === EMPTY) distance++;
    signature[bin] = (filled[(bin + distance) % SIGNATURE]! + Math.imul(distance, 0x61c88647)) >>> 0;
  }
  return signature;
}

/** The share of the smaller text's shingles that the larger contains: a merge of two sorted lists. */
function containment(a: Uint32Array, b: Uint32Array): number {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  if (small.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < small.length && j < large.length; ) {
    if (small[i] === large[j]) {
      shared++;
      i++;
      j++;
    } else if (small[i]! < large[j]!) i++;
    else j++;
  }
  return shared / small.length;
}


/** So is the meeting that approved it: 常务会议审议通过《…方案》 is news of the meeting, not the 方案. */
const meeting = /会议|审议通过|座谈会|推进会/;
/** A document itself, by its title: 《…》 or a title ending in its kind (…行动方案, …的通知). */
const officialDocument = /《[^》]+》|(?:条例|规划|方案|意见|办法|细则|指引|通知|决定)$/;
function isDocument(title: string): boolean {
  return officialDocument.test(title) && !meeting.test(title);
}

/**
 * Union-find over documents that also knows, for each group, whether it holds a meeting's report and
 * whether it holds a document: the two never join, even through a portal's copy that links them.
 */
class StorySets {
  private readonly parent: number[];
  private readonly hasMeeting: boolean[];
  private readonly hasDocument: boolean[];
  constructor(meetings: boolean[], documents: boolean[]) {
    this.parent = meetings.map((_, i) => i);
    this.hasMeeting = [...meetings];
    this.hasDocument = [...documents];
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    if ((this.hasMeeting[ra] && this.hasDocument[rb]) || (this.hasDocument[ra] && this.hasMeeting[rb])) return;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[child] = root;
    this.hasMeeting[root] = this.hasMeeting[root]! || this.hasMeeting[child]!;
    this.hasDocument[root] = this.hasDocument[root]! || this.hasDocument[child]!;
  }
}

/** A title of an exam's question (材料分析题：…, 2024年申论真题): its material is a document it quotes. */
const examQuestion = /(?:材料|分析|选择|判断|简答|论述|阅读)题|真题|试题|考点|模拟题|练习题|申论/;

/** The stock exchanges, by full and short name: each issues its own rules, often under the same name as the others'. */
const exchangeNames: readonly (readonly [string, string])[] = [
  ['上海证券交易所', '上交所'],
  ['深圳证券交易所', '深交所'],
  ['北京证券交易所', '北交所'],
  ['香港交易所', '港交所'],
];

/**
 * The exchanges a title names, by full name: 上交所 and 深交所 each issued 《关于进一步支持发行科技创新债券
 * 服务新质生产力的通知》 on one day (day-h); like one province's plan and another's, they are two stories.
 */
function exchangesIn(title: string): Set<string> {
  return new Set(exchangeNames.filter((names) => names.some((name) => title.includes(name))).map(([full]) => full));
}

/** Groups documents into stories; returns groups of document ids, each in input order, groups ordered by first member. */
export function groupStories(documents: readonly GroupableDocument[]): number[][] {
  // A copy in traditional characters is compared as simplified text.
  const titles = documents.map((doc) => cleanTitle(normaliseText(doc.title)));
  const bodies = documents.map((doc) => normaliseText(doc.body));
  const places = titles.map((title) => placesIn(title));
  const sets = new StorySets(titles.map((title) => meeting.test(title)), titles.map(isDocument));
  // An interpretation is not its document, and one province's plan is not another's however alike the
  // wording; a meeting and the document it approved are kept apart by the sets themselves.
  // An interpretation of a document is its own story, however much of the document it quotes.
  const interpreting = titles.map((title, i) => isInterpretation(title, bodies[i]!));
  // So is a draft for comment: the document issued later from it is news of its own.
  const drafts = titles.map((title, i) => isDraft(title, bodies[i]!));
  // And a commentary on a document is its paper's view, not a copy of the news it comments on.
  const commenting = titles.map((title, i) => isCommentary(title, bodies[i]!));
  // And so are the reports of a press briefing, all of them one story, apart from the document it presents:
  // whether an official's answers read as an interpretation, a consultation announced or a comment, they
  // report one event.
  const briefing = titles.map((title, i) => isBriefingReport(title, bodies[i]!));
  // And an exam's question quotes a document as its material: it is no copy, of that or of anything.
  const exam = titles.map((title) => examQuestion.test(title));
  const sameFlags = (i: number, j: number) => !exam[i] && !exam[j] && interpreting[i] === interpreting[j] && drafts[i] === drafts[j] && commenting[i] === commenting[j];
  const sameGenre = (i: number, j: number) => briefing[i] === briefing[j] && (briefing[i] || sameFlags(i, j));
  const exchanges = titles.map(exchangesIn);
  const apart = (i: number, j: number) => differentPlaces(places[i]!, places[j]!) || differentPlaces(exchanges[i]!, exchanges[j]!);
  const sameKind = (i: number, j: number) => sameGenre(i, j) && !apart(i, j);
  // A near copy of a briefing's report is the report, though only one of them speaks of the briefing within
  // its opening: a lead added or a paragraph cut moves the mention across the opening's end.
  const nearCopyKind = (i: number, j: number) => briefing[i] !== briefing[j] && sameFlags(i, j) && !apart(i, j);
  const byKey = new Map<string, number[]>();
  const joinOnKey = (key: string, i: number) => {
    const earlier = byKey.get(key) ?? [];
    for (const j of earlier) if (sameKind(j, i)) sets.union(j, i);
    earlier.push(i);
    byKey.set(key, earlier);
  };
  const shingleSets = bodies.map((body) => shingles(body));
  const buckets = new Map<number, number[]>();
  documents.forEach((doc, i) => {
    if (doc.docNumber) joinOnKey(`no:${doc.docNumber}`, i);
    const title = normaliseTitle(titles[i]!);
    if (title.length >= 8) joinOnKey(`title:${title}`, i);
    // Copies worded each their own way (a portal's headline, a reporter's lead) name the document they carry.
    // A report of two documents issued together joins the copies of each.
    for (const issued of issuedDocuments(titles[i]!, bodies[i]!)) {
      const key = documentKey(issued);
      if (key.length >= 8) joinOnKey(`document:${key}`, i);
    }
    // Reports of one notice name the year's campaign it deploys (titles.deployedCampaign).
    const campaign = deployedCampaign(titles[i]!, bodies[i]!);
    if (campaign) joinOnKey(`campaign:${campaign}`, i);
    // Reports of a gathering's opening name it (titles.openedGathering).
    const gathering = openedGathering(titles[i]!, bodies[i]!);
    if (gathering) joinOnKey(`opened:${gathering}`, i);
    // Reports of one interpretation (a press briefing, a Q&A) name the document they explain.
    const explained = interpreting[i] ? explainedDocument(titles[i]!, bodies[i]!) : null;
    if (explained && documentKey(explained).length >= 8) joinOnKey(`explains:${documentKey(explained)}`, i);
    // Reports of one briefing name what it presents, each in its own words and paragraph.
    if (briefing[i]) for (const subject of briefingSubjects(titles[i]!, bodies[i]!, documentKey)) joinOnKey(`briefing:${subject}`, i);
    const by = documents[i]!.briefingBy;
    if (briefing[i] && by) joinOnKey(`briefing-by:${by}`, i);
    // Bucket keys are numbers — a namespace (the band, or BANDS for a paragraph) above a 32-bit hash — so
    // that a day of 100,000 documents does not build millions of strings. A rare hash collision only
    // adds a pair to compare.
    const keys = new Set<number>();
    for (const paragraph of bodies[i]!.split('\n')) {
      const text = paragraph.replace(/[\s\p{P}\p{S}]/gu, '');
      if (text.length >= MIN_PARAGRAPH) keys.add(BANDS * 2 ** 32 + fnv1a(text));
    }
    const signature = minHash(shingleSets[i]!);
    for (let band = 0; band < BANDS; band++) {
      let bandHash = 0;
      for (let row = 0; row < ROWS; row++) bandHash = mix(bandHash ^ signature[band * ROWS + row]!);
      keys.add(band * 2 ** 32 + bandHash);
    }
    for (const key of keys) {
      const bucket = buckets.get(key) ?? [];
      bucket.push(i);
      buckets.set(key, bucket);
    }
  });
  // A headline another copy prints whole with a subtitle after or a kicker before it is that copy's story:
  // 乌镇峰会开启“下一个十年” and 乌镇峰会开启“下一个十年” 系列品牌活动今起亮相, each in its own words (day-bm) — when
  // their texts tell the same figures: a slogan for a headline (因地制宜发展新质生产力, day-bc) heads other news too.
  const figures = bodies.map((body) => new Set(body.match(/\d{2,}(?:\.\d+)?/g) ?? []));
  const sameFigures = (i: number, j: number) => [...figures[i]!].filter((n) => figures[j]!.has(n)).length >= MIN_SHARED_FIGURES;
  titles.forEach((whole, i) => {
    const title = normaliseTitle(whole);
    for (let length = MIN_HEADLINE; length <= title.length - 2; length++) {
      for (const part of new Set([title.slice(0, length), title.slice(-length)])) {
        for (const j of byKey.get(`title:${part}`) ?? []) if (sameKind(i, j) && sameFigures(i, j)) sets.union(i, j);
      }
    }
  });
  const compared = new Set<number>();
  const matches: { i: number; j: number; shared: number }[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length > MAX_BUCKET) continue;
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x]!;
        const j = bucket[y]!;
        const pair = i * documents.length + j;
        if (compared.has(pair)) continue;
        compared.add(pair);
        const kind = sameKind(i, j);
        if (!kind && !nearCopyKind(i, j)) continue;
        const shared = containment(shingleSets[i]!, shingleSets[j]!);
        if (shared >= (kind ? CONTAINMENT_THRESHOLD : NEAR_COPY_THRESHOLD)) matches.push({ i, j, shared });
      }
    }
  }
  // Closest copies join first: a portal's copy of a plan joins the plan before the meeting report that
  // quotes a paragraph of it, and the meeting then stays apart.
  matches.sort((a, b) => b.shared - a.shared || a.i - b.i || a.j - b.j);
  for (const { i, j } of matches) sets.union(i, j);
  const groups = new Map<number, number[]>();
  documents.forEach((doc, i) => {
    const root = sets.find(i);
    const group = groups.get(root) ?? [];
    group.push(doc.id);
    groups.set(root, group);
  });
  return [...groups.values()];
}

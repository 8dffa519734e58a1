/**
 * Titles as portals and mirrors dress them, and as the brief reads them. Pure string functions over a
 * title already normalised (normaliseText) where the caller needs that.
 */
import { SPAM_BRANDS } from '../util/spamBrands.ts';

/**
 * Heads that portals put before a title: 【转载】, [图文], 重磅！, 最新印发！, 转自江西省教育厅：, 转载：. Sticky: each is
 * tried where the title, less the heads already taken off, begins.
 */
const dressings = [
  /\s*[【[［][^】\]］]{1,20}[】\]］]\s*/y,
  /\s*[^，,。！!：:《“\s]{1,8}[！!]+\s*/y,
  /\s*(?:转自|转载自|来源|转发)[^：:，,《]{0,30}[：:]\s*/y,
  /\s*(?:转载|转发|原创)\s*[|｜丨]\s*/y,
  // A mirror's mark of its own (原创 全国科技工作会议:…, day-ap).
  /\s*原创\s+/y,
  // A speaker no one can name, or a column's word, before a colon (专家：在确保飞行保障服务的前提下…, days ak and at).
  /\s*(?:专家|记者|评论|观点|独家|关注|热点|视点)\s*[：:]\s*/y,
  // A column's label before a bar: 专家解读 | …, 新华全媒+|…, 权威发布|….
  /\s*[^|｜丨《“]{2,8}\s*[|｜丨]\s*/y,
  // A wire service's mark of its dispatches (《驻京专电》发改委:…, 经济通, days p and bp): no document's name.
  /\s*《[^《》]{0,8}专电》\s*/y,
  // A stock tag a finance forum's post opens with ($北纬科技(SZ002148)$ 国家发改委:…, 东方财富 财富号, day-p).
  /\s*\$[^$\n]{1,30}\$\s*/y,
];
/** A tail of the same kind: （转载）, (图), as a title's last mark. */
const tail = /[（(](?:转载|转发|图|图文|视频|全文)[)）]$/;
/** The longest tail: the marks and a word of two characters. */
const TAIL_CHARS = 4;
/** A site's name a page's <title> ends with after a dash or bar: …工作解读-新华网 (day-l), …_中国政府网. */
const siteTail = /[-_—–|｜]\s*[\u4e00-\u9fff]{2,6}(?:网|报|社)$/;
/** The longest site tail: a mark, a space and a name of seven characters. */
const SITE_TAIL_CHARS = 9;

/** Where the tail of `text` within [start, end) begins, the spaces around it included; `end` when it has none. */
function tailStart(text: string, start: number, end: number): number {
  const isSpace = (at: number) => /\s/.test(text[at]!);
  let at = end;
  while (at > start && isSpace(at - 1)) at--;
  const found = tail.exec(text.slice(Math.max(start, at - TAIL_CHARS), at)) ?? siteTail.exec(text.slice(Math.max(start, at - SITE_TAIL_CHARS), at));
  if (!found) return end;
  at -= found[0].length;
  while (at > start && isSpace(at - 1)) at--;
  return at;
}

/**
 * A title without the dressing a reposting site adds: 重磅！国务院印发… → 国务院印发…; 【…】 round a whole
 * title go, and 《》 round a document's whole name (《…的通知》全文 → …的通知); spam injected into it goes
 * (withoutInjectedSpam).
 */
export function cleanTitle(title: string): string {
  // A title that is a document's name in 《》 (《国家金融监督管理总局关于…的通知》全文) is that name.
  // Spam a mirror injected is no part of it either.
  const text = withoutInjectedSpam(title)
    .trim()
    .replace(/^[【[［]([^】\]］]+)[】\]］]$/, '$1')
    .replace(/^《([^《》]{6,})》\s*[（(]?(?:全文|原文|正文)?[)）]?$/, '$1');
  // The dressings go by moving where the title begins and ends, not by copying it once for each: a
  // title of thousands of 来源： (a page's, so anyone's) took seconds. A dressing never takes the whole title.
  let [start, end] = [0, text.length];
  for (let changed = true; changed; ) {
    changed = false;
    for (const pattern of dressings) {
      pattern.lastIndex = start;
      const taken = pattern.exec(text)?.[0].length ?? 0;
      if (taken > 0 && end - start - taken >= 6) {
        start += taken;
        changed = true;
      }
    }
    const cut = tailStart(text, start, end);
    if (cut < end && cut - start >= 6) {
      end = cut;
      changed = true;
    }
  }
  return text.slice(start, end);
}

/**
 * The words of gambling and stock-tipping spam that mirror sites inject into copied headlines (…加新奥开奖结果怎么
 * 查询的到快推进…, 股票平台排行前十名:广州配资网-工信部就…, 智慧城市XK星空体育发展, 约4000亿新澳2024管家婆资料元 — days
 * ae, ap, bf, d, p and z): a
 * run is one only around one of these, which no official headline holds.
 */
// …and the brands of gambling and porn sites (util/spamBrands.ts).
const spamAnchor = new RegExp(String.raw`股票平台|开奖|六开彩|六合彩|管家婆|一码一肖|一肖一码|(?:必开)?一肖一[特码]|必开一肖|资料大全|正版资料|期期准|配资|晶澳彩|广东鹰坛|彩票|博彩|澳门码|马会传真|二四六好彩|${SPAM_BRANDS.source}`);
/** The words such a run is made of around its anchor, which an official headline holds too: taken only beside one. */
const spamWords = String.raw`新澳|新奥|澳门|香港|今晚|最快|最精准|精准|免费|全年|资料|大全|正版|结果|记录|查询|怎么|的到|近\d+期|\d{4}年|\d{4,}|凤凰艺术|XK|杠杆|开户|排行|前十名|广州|网|码|彩`;
/** What follows a run: more of its words, or the mark that sets it apart from the headline (广州配资网-工信部就…). */
const spamAfter = new RegExp(String.raw`^(?:${spamAnchor.source}|${spamWords}|[\s:：\-_—|｜丨])`);
/** What precedes it: more of its words, never the space a mirror's 原创 mark stands apart by. */
const spamBefore = new RegExp(String.raw`(?:${spamAnchor.source}|${spamWords})$`);

/**
 * A headline without the spam a mirror injected into it: each run of spam words around an anchor
 * (spamAnchor, spamWords) cut out, so …大力培管家婆一码一肖资料免费大全育发展… reads …大力培育发展…. The
 * title as it is when it holds no anchor, or when cutting would leave less than six characters.
 */
export function withoutInjectedSpam(title: string): string {
  let text = title;
  for (let spam = spamAnchor.exec(text); spam; spam = spamAnchor.exec(text)) {
    let [start, end] = [spam.index, spam.index + spam[0].length];
    for (let grown = true; grown; ) {
      const next = spamAfter.exec(text.slice(end))?.[0];
      if (next) end += next.length;
      const before = spamBefore.exec(text.slice(0, start))?.[0];
      if (before) start -= before.length;
      grown = Boolean(next ?? before);
    }
    // The bar that set the run apart from the headline goes with it (…的决定|欧一美…).
    const cut = `${text.slice(0, start).replace(/[|｜丨]\s*$/, '')}${text.slice(end)}`;
    if (cut.replace(/\s/g, '').length < 6) return title;
    text = cut;
  }
  return text.trim();
}

/**
 * The document a notice issues, and who issued it: 江西省人民政府关于印发《Y》的通知 → { issuer: 江西省人民政府,
 * document: Y }. Also …印发《Y》的通知 without 关于, and 转发 notices. Returns null for other titles.
 */
export function issuingNotice(title: string): { issuer: string; document: string } | null {
  const match = /^(.*?)(?:关于)?(?:印发|转发|发布)[^《]{0,12}《(.+)》的通知$/.exec(title) ?? /^(.*?)关于(?:印发|转发|发布)([^《》]{4,})的通知$/.exec(title);
  return match ? { issuer: match[1]!, document: match[2]! } : null;
}

/** A title that names a document by its kind at its end: …行动方案, 关于…的意见, …办法（试行）. */
export const documentTitle = /(?:条例|规划|方案|意见|办法|细则|指引|通知|决定|规定|措施|计划|纲要|指南|公告|通告|标准|要点)(?:[（(][^）)]{1,12}[）)])?$/;
const issuingVerb = String.raw`(?:印发|发布|出台|公布|推出)`;
/** How much of a news copy's opening names the document it reports: its first two or three sentences. */
const LEAD_CHARS = 200;

/** A headline that tells of an issuing: X印发《Y》, 《Y》发布 (titles.issuedDocument). */
const issuingHeadline = new RegExp(String.raw`^[^《]{0,24}?${issuingVerb}了?《([^》]{4,})》|^《([^》]{4,})》${issuingVerb}`);
/**
 * The names a news lead says were issued (titles.issuedDocument): after an issuing verb, in 《》 or as 关于…的意见
 * or a name ending in its kind; or a 《》 name a sentence or its date starts with and that is then published.
 * Compiled once: issuedDocument runs several times for every document of a day.
 */
// …or as passed by the session that the agency put it out for (新华社28日播发全会通过的《…》全文, day-q).
const issuedInLead = new RegExp(String.raw`(?:${issuingVerb}了?|(?:${issuingVerb}|播发)[^，。；《》]{0,6}?通过的)(?:《([^》]{4,})》|(关于[^，。；《》]{4,40}?的(?:意见|实施意见|指导意见|方案|实施方案|通知|办法|措施|规划|计划))|(?!相关|有关|一系列|系列|多项|若干|配套|具体|一批|各项|新的|实施)([\u4e00-\u9fff“”]{6,40}?(?:若干措施|措施|实施方案|行动方案|行动计划|意见|办法|规划|细则|指南))(?=[，,。；;]|的通知))|(?:${issuingVerb}的|^|[，,。；;\n]|\d{1,2}日)《([^》]{4,})》(?=(?:[（(][^）)]{0,20}[)）])?(?:日前|近日|近期|已|已经|正式|今天|今日|对外|向社会|全文)*(?:发布|公布|对外公布|出台|施行))`, 'g');

/**
 * The document a text issues or reports the issuing of, by its name: Y of X关于印发《Y》的通知, of
 * X印发《Y》 or 《Y》发布 headlines, of a lead sentence 国务院日前印发《Y》; a document's own title from
 * 关于 on (国务院关于…的意见 → 关于…的意见), or whole. Copies that share it are one story however they
 * are worded. Read on a normalised, cleaned title; null when the text names no document so.
 */
export function issuedDocument(title: string, body: string): string | null {
  body = withoutLeadSummary(body);
  const notice = issuingNotice(title);
  if (notice) return notice.document;
  // A consultation's title names its draft: 工信部公开征求对《…指南》（征求意见稿）的意见 (day-x) is about the 指南.
  const consulted = consultation.exec(title);
  if (consulted) return consultedName(consulted);
  const bare = bareConsultation.exec(title);
  if (bare) return bare[1]!;
  // A headline and its subtitle (以数据要素乘数效应赋能经济社会发展——17部门联合印发《…》) are read each on its own.
  for (const part of title.split(/——/)) {
    const headline = issuingHeadline.exec(part.trim());
    if (headline) return (headline[1] ?? headline[2])!;
  }
  if (isDocumentItself(title)) {
    const about = title.indexOf('关于');
    return about > 0 ? title.slice(about) : title;
  }
  // A news copy: its opening names what was issued, in 《》, or as 关于…的意见 or a name ending in its kind without
  // them (杭州市人民政府办公厅印发支持人工智能全产业链高质量发展若干措施。, day-aq; not 出台相关支持措施). Of several, the
  // one its headline speaks of: a lead may recall an earlier document first (8月底，国务院印发《…》，此后相关
  // 配套政策陆续出台。9月8日，国家发展改革委、国家能源局发布《…能源…》 under a headline on 能源).
  // A name after 印发的 is the news only when the sentence says it came out (X印发的《Y》（…）正式发布), and so
  // is a name a sentence or its date starts with (《中共中央关于…的建议》日前正式发布, day-m's 十五五 proposal; 10月28日
  // 《…的建议》全文公布, day-bp). A name a page
  // wrapped over two lines (《深圳市加快推动\n人工智能…》, day-n) is one name.
  // A later paragraph names the news only when the headline speaks of it: 盛来运 on 新质生产力, then 文章随后列举
  // 各地动向：…上海科创金融联盟发布《上海金融助力新质生产力发展三年行动计划》 (day-al) is no 国家统计局 plan.
  const lead = leadParagraphEnd(body);
  // So does a report's first paragraph: 北京市经济和信息化局15日就《…（征求意见稿）》公开征求意见, 《…》公开征求意见
  // (day-ao: two reports of one draft under headlines that share little).
  const consultedInLead = consultation.exec(body.slice(0, Math.min(lead, LEAD_CHARS)));
  if (consultedInLead) return consultedName(consultedInLead);
  const named = [...body.slice(0, LEAD_CHARS).matchAll(issuedInLead)]
    .filter((m) => m.index < lead || spokenOf((m[1] ?? m[2] ?? m[3] ?? m[4])!, title))
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4])!.replace(/\s*\n\s*/g, ''));
  return named.reduce<string | null>((best, name) => (best === null || sharedPairs(name, title) > sharedPairs(best, title) ? name : best), null);
}

/**
 * A text without the summary a portal sets above its lead: lines of highlights numbered ①②… (财联社's copies,
 * day-bs: ①高标准建设省具身智能机器人创新中心… before 近日,中共广东省委办公厅…印发《…》) or headed 摘要：. The
 * lead that names the document follows them.
 */
function withoutLeadSummary(body: string): string {
  return body.replace(/^(?:\s*(?:[①②③④⑤⑥⑦⑧⑨⑩]|摘要[：:])[^\n]*(?:\n|$))+/, '');
}

/**
 * Where a text's first paragraph ends: at the line break after its first sentence (a dateline may stand on
 * a line of its own), or at the text's end when it has none.
 */
function leadParagraphEnd(body: string): number {
  const firstSentence = body.search(/[。！？!?]/);
  const end = firstSentence < 0 ? -1 : body.indexOf('\n', firstSentence);
  return end < 0 ? body.length : end;
}

/** Whether a headline speaks of a document: a third or more of the name's two-character runs are in it. */
function spokenOf(name: string, title: string): boolean {
  return sharedPairs(name, title) * 3 >= name.length - 1;
}

/** How many two-character runs of `a` occur in `b`: how much of a document's name a headline speaks of. */
function sharedPairs(a: string, b: string): number {
  let shared = 0;
  for (let at = 0; at < a.length - 1; at++) if (b.includes(a.slice(at, at + 2))) shared++;
  return shared;
}

/**
 * The 文号 a text writes in brackets right after the name of the document it reports (《“数据要素×”三年行动计划
 * (2024—2026年)》(国数政策〔2023〕11号,以下简称《行动计划》)): that document's own, which dates it by its year
 * (day-n's report, met three months on). A 文号 after any other name is a document the text cites. Null without one.
 */
export function docNumberAfter(name: string, body: string): string | null {
  const plain = (text: string) => text.replace(/\s+/g, '');
  for (const cited of body.matchAll(/《([^《》]{4,})》\s*[（(]([^（）()]{0,30}?〔(?:19|20)\d{2}〕\d+号)/g)) if (plain(cited[1]!) === plain(name)) return cited[2]!.replace(/^.*?(?=[\u4e00-\u9fff]+〔)/, '');
  return null;
}

/**
 * Every document a text reports issuing together: the one issuedDocument reads and those its lead joins to
 * it (印发《A》和《B》, 《A》、《B》及《C》) — two plans issued as one package are one story.
 */
export function issuedDocuments(title: string, body: string): string[] {
  const first = issuedDocument(title, body);
  if (!first) return [];
  const lead = withoutLeadSummary(body).slice(0, LEAD_CHARS);
  const at = lead.indexOf(`《${first}》`);
  if (at < 0) return [first];
  const joined = /^(?:\s*(?:和|及|以及|与|、)\s*《([^》]{4,})》)+/.exec(lead.slice(at + first.length + 2));
  return joined ? [first, ...[...joined[0].matchAll(/《([^》]{4,})》/g)].map((m) => m[1]!)] : [first];
}

/**
 * The year's campaign a notice deploys, as a news lead tells it (六部门近日联合印发通知，部署2024年度智能工厂梯度培育
 * 行动, day-bb): reporters name the notice by what it deploys, not by a title, so copies under headlines that
 * share nothing (六部门开展本年度…, 我国将构建…体系) are told apart from other news only by that campaign. Only
 * a campaign with its year, in the lead's sentence that tells of the notice or in the notice's own title (a
 * cleaned title); null otherwise.
 */
export function deployedCampaign(title: string, body: string): string | null {
  const campaign =
    /通知[^。\n]{0,30}?(?:部署|开展|启动)(?:开展)?((?:19|20)\d{2}年度?[\u4e00-\u9fff]{4,24}?(?:行动|活动|工作))/.exec(body.slice(0, LEAD_CHARS)) ??
    // The notice itself names it in its title: …关于开展2025年度智能工厂梯度培育行动的通知 (day-bh).
    /关于(?:部署)?(?:开展|启动)((?:19|20)\d{2}年度?[\u4e00-\u9fff]{4,24}?(?:行动|活动|工作))的通知$/.exec(title);
  return campaign ? campaign[1]!.replace(/年度?/, '年') : null;
}

/** A gathering held on a date: a summit, congress, forum or fair, by the noun its name ends with. */
export const GATHERING = '(?:峰会|大会|论坛|博览会|年会|展览会|交易会|运动会)';
/**
 * The gathering whose opening a report's first sentence tells (第七届数字中国建设峰会5月24日在福建福州开幕,
 * 据浙江日报11月19日报道，2024年世界互联网大会乌镇峰会11月19日至22日在乌镇举办, day-ao and day-au): reporters
 * head one opening each their own way (…在福州开幕, …今日在福州开幕, 乌镇峰会开启“下一个十年”), and only the
 * gathering joins them. Its name with its year or edition (an edition of years before is other news), when the
 * headline speaks of it by a word of its own (乌镇 of 乌镇峰会): a report that opens with the gathering as its
 * setting and heads another story (黄仁勋：已收到大量H20芯片订单, day-bh) is that story. Null otherwise, and for a
 * notice of one still to come (将于…举行, 定于…举办), which is news of its own. Read on a normalised title and body.
 */
export function openedGathering(title: string, body: string): string | null {
  const first = /^[^。！？\n]*/.exec(body.trimStart())![0]
    // A credit (据中新网报道，, 海峡导报5月24日报道，, 新华社北京3月5日电) and a date (5月24日上午，) before the news.
    .replace(/^[^，。]{0,30}?(?:报道|电|讯)[）)]?[，,:：]?\s*/, '')
    .replace(/^(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚间?)?[，,]?\s*/, '');
  const opened = gatheringOpens.exec(first);
  // A name holding 就, 在, 为, 的 or 于 is a sentence's subject before it (国务院新闻办公室就…峰会举行发布会).
  if (!opened || /[就在为的于]/.test(opened[1]!)) return null;
  const name = opened[1]!;
  const ownWords = [...name.matchAll(/(?=([\u4e00-\u9fff]{2}))/g)].map((m) => m[1]!).filter((pair) => !genericGatheringWords.test(pair));
  // 2024年世界互联网大会 and 2024世界互联网大会 are one name.
  return ownWords.some((pair) => title.includes(pair)) ? name.replace(/^((?:19|20)\d{2})年/, '$1') : null;
}

/** A sentence that opens with a gathering's name and says it opens or is held (…峰会5月24日在福建福州开幕). */
const gatheringOpens = new RegExp(
  String.raw`^((?:(?:19|20)\d{2}年?|第[一二三四五六七八九十百\d]+届)?[\u4e00-\u9fff“”·]{2,30}?${GATHERING})(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?(?:\d{1,2}日(?:至\d{1,2}日)?)?(?:当天|今天|今日)?(?:上午|下午|晚间?)?(?:在[\u4e00-\u9fff]{2,16}?)?(?:隆重|正式)?(?:开幕|开启|举办|举行|召开)`,
);

/** Two-character runs any gathering's name may hold: no headline speaks of one gathering by them. */
const genericGatheringWords = /^(?:峰会|大会|论坛|博览|览会|年会|展览|交易|易会|运动|动会|中国|国际|世界|全国|第[一二三四五六七八九十]|[一二三四五六七八九十]届|届[\u4e00-\u9fff])$/;

/** A title that asks for comments on a draft it names: 公开征求对《Y》（征求意见稿）的意见, 征求《Y》意见, 就《Y》公开征求意见. */
const consultation = /征求(?:对)?《([^》]{4,})》(?:[（(]征求意见稿[)）])?(?:的)?意见|(?:就|^|[，,。；;])《([^》]{4,})》(?:[（(](?:公开)?征求意见稿[)）])?(?:向社会)?公开征求(?:社会各界)?意见/;

/**
 * A consultation's headline that names its draft without 《》 (国家数据局公开征求国家数据基础设施建设指引意见, a glossed
 * copy of day-cb): the draft is the name before 意见, ending in its kind.
 */
const bareConsultation = /公开征求(?:对)?([^《》，,。；;\s]{4,40}?(?:指引|办法|规定|条例|方案|规划|指南|标准|细则|措施|计划|意见))(?:[（(]征求意见稿[)）])?的?意见(?:建议)?$/;

/** The draft a consultation names, as it names it (with a 征求意见稿 inside 《》 or not: documentKey reads both alike). */
function consultedName(consulted: RegExpExecArray): string {
  return (consulted[1] ?? consulted[2])!;
}

/** Whether a title is a document's own (关于…的意见, X关于印发《Y》的通知, …实施细则), not a headline about one. */
export function isDocumentItself(title: string): boolean {
  // 关于公布…名单的通知 is a notice itself: only a verb before its 关于 makes a headline (X印发关于…的意见).
  const about = title.indexOf('关于');
  const head = about >= 0 ? title.slice(0, about) : title;
  // …nor a verb of approval (国常会审议通过…行动方案, day-af: a meeting's news, not the plan).
  // …nor the news of a consultation (可信数据空间发展行动计划公开征求意见), whose 意见 is the comments it asks for.
  // …nor a report's headline that ends with a document's word (我国人工智能产业将新制定超50项国家和行业标准, day-p):
  // a name never speaks of 我国 or of what will be done.
  // …nor a headline that speaks (工信部：到2027年制修订50项以上算力标准, day-ci): a name has no speaker's colon.
  return issuingNotice(title) !== null || (documentTitle.test(title) && !/[，,！!？?：:]/.test(title) && !/征求意见$/.test(title) && !new RegExp(`${issuingVerb}|审议通过|表决通过|^我国|[将拟]`).test(head));
}

/**
 * Whether a name in 《》 is a wire service's mark of a dispatch (《经济通通讯社驻京记者24日北京专电》, 《经济通通讯社31日专讯》,
 * day-ci), no document's name. Read on normalised text.
 */
export function isWireMark(name: string): boolean {
  return /专[电讯]$|通讯社[^《》]{0,16}[电讯]$/.test(name);
}

/** A title of an interpretation: 解读, 详解, 答记者问. */
// A drafter's 起草说明 or 编制说明 explains its document as an interpretation does.
const interpretationTitle = /解读|详解|答记者问|问答|答问|起草说明|编制说明/;
/** Its opening, when the title does not say so: 国家发展改革委有关负责人介绍…, …作了解读, …接受专访. */
// An official's interview on it (…负责同志接受了新华社记者专访) explains it too.
const interpretationLead = /(?:负责人|负责同志|发言人)[^。]{0,30}?(?:解读|答记者问|接受[^。]{0,12}?(?:专访|采访))|作了?解读|进行了?解读/;
/**
 * An official presenting it (…负责人介绍, …就…回应), in the first paragraph only: a report that tells the
 * issuing first and quotes the department after (记者从工业和信息化部了解到…印发了《…》。\n…司有关负责人介绍,
 * day-ai) is the news of the document.
 */
const presentingLead = /(?:负责人|负责同志|发言人)[^。]{0,30}?(?:介绍|回应|就)/;

/**
 * Whether a text interprets a document rather than carries it: its title says so, or its opening has an
 * official explain it (a report of 国家发展改革委负责人's answers under the headline 国务院印发《…》).
 */
export function isInterpretation(title: string, body: string): boolean {
  const opening = body.slice(0, 300);
  return interpretationTitle.test(title) || interpretationLead.test(opening) || presentingLead.test(opening.slice(0, leadParagraphEnd(opening)));
}

/**
 * A medium's own analysis of an event, by its headline: 央视快评, …释放了哪些信号, 分析：…, 焦点访谈｜…, …何去何从, a
 * column's 热解读：… (day-bf), an expert a reporter asked (专家解读《…》, …专家谈两部门征求意见稿: days bt, bu) —
 * the medium's reading, whatever body's event it reads (day-w's 中央广播电视总台 pieces on the Politburo, day-y's
 * on the 中央经济工作会议, day-r's 政府工作报告首提的新词释放了什么信号).
 */
export const MEDIA_ANALYSIS = /快评|释放[^，。]{0,6}信号|^焦点访谈|分析[：:]|何去何从|^热解读|时政新闻眼|^专家(?:解读|解析)|专家谈/;

/**
 * The columns of 中央广播电视总台 that explain or analyse an event (时政新闻眼, 央视快评, 焦点访谈, 热解读), as a
 * headline or an opening names them (《时政新闻眼》梳理了…, day-bh): the broadcaster's own pieces.
 */
export const CCTV_COLUMNS = /时政新闻眼|央视快评|焦点访谈|热解读/;

/** Whether a text is a commentary (评论员文章, 时评, 短评, 社论, or a digest's 评论认为 in its opening): the paper's own view. */
export function isCommentary(title: string, body: string): boolean {
  return /评论员|评论认为|时评|短评|社论/.test(`${title}\n${body.slice(0, 300)}`);
}

/** Whether a text is, or announces, a draft for comment: 征求意见稿 or 草案 in its title, 现公开征求意见 in its opening. */
export function isDraft(title: string, body: string): boolean {
  // The opening of a consultation says it consults (现向社会公开征求意见); a report may merely mention a draft.
  // A report's first sentence that puts the draft out is one too: 工信部近日发布《…指南》(征求意见稿)，向社会公开征求意见
  // (day-l's 2024 standards draft, met again when the guide came out), 就《…（征求意见稿）》公开征求意见, 就《…》（征求意见稿）… (day-ci).
  const first = body.slice(0, Math.min(200, (body.indexOf('。') + 1) || 200));
  return /征求意见|意见稿|草案/.test(title) || /现(?:向社会|面向社会)?公开征求(?:社会各界)?意见/.test(body.slice(0, 200)) || /(?:发布|公布|起草|形成|印发|就)了?《[^》]*》\s*[（(]?(?:征求意见稿|草案)|(?:发布|公布|起草|形成|印发|就)了?《[^》]*(?:征求意见稿|草案)[^》]*》/.test(first);
}

/**
 * The words for a press briefing: 吹风会, (新闻)发布会, and the 记者会 of the NPC's and CPPCC's sessions (day-o's
 * 经济主题记者会, where ministers present as at a briefing). Shared by every reading of briefings.
 */
export const BRIEFING_EVENT = String.raw`(?:吹风会|发布会|记者会)`;

/**
 * What a headline says an official did, after his name (李强出席…开幕式并致辞, 李乐成主持召开会议, day-u): read by
 * the issuer (the register's official acting is his body's) and by the writer (heading his act).
 */
export const OFFICIAL_ACTS = String.raw`(?:出席|主持|会见|考察|调研|视察)`;
const briefingEvent = new RegExp(BRIEFING_EVENT);

/**
 * Whether a text reports a press briefing (吹风会, 新闻发布会): its title or its opening speaks of one
 * (国新办举行国务院政策例行吹风会, 李春临10日在…吹风会上表示, 发布会介绍). Its officials present a document;
 * the report is the briefing's news, not a copy of the document.
 */
export function isBriefingReport(title: string, body: string): boolean {
  return briefingEvent.test(`${title}\n${body.slice(0, 300)}`);
}

/** The kind a document's name ends with, which a briefing's subject leaves out. */
const kindOfName = /(?:实施意见|指导意见|意见|行动方案|实施方案|方案|行动计划|计划|若干措施|措施|办法|细则|规划|通知)$/;

/**
 * What a briefing presents, as reports of it share it: what its title says it presents (国新办举行新闻发布会
 * 介绍公共数据资源开发利用有关情况 → 公共数据资源开发利用) and the subject of the first document its title and
 * its opening paragraphs each name in 《》 (关于加快公共数据资源开发利用的意见 → the same; a spam copy's title
 * may have characters injected into the name its text still writes whole). Written as `key` (documentKey)
 * writes names, without the kind; each of six characters or more.
 */
export function briefingSubjects(title: string, body: string, key: (name: string) => string): string[] {
  const presents = /介绍(.+?)(?:的?(?:有关|相关)?(?:情况|工作))?$/.exec(title)?.[1];
  const named = (text: string) => /《([^》]{4,})》/.exec(text)?.[1];
  const subjects = [presents, named(title), named(body.slice(0, 3 * LEAD_CHARS))].flatMap((subject) => (subject ? [key(subject).replace(kindOfName, '')] : []));
  return [...new Set(subjects.filter((words) => words.length >= 6))];
}

/** The document an interpretation explains: the first 《…》 its title or opening names. Null for other texts. */
export function explainedDocument(title: string, body: string): string | null {
  if (!isInterpretation(title, body)) return null;
  return /《([^》]{4,})》/.exec(`${title}\n${body.slice(0, LEAD_CHARS)}`)?.[1] ?? null;
}

import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/**
 * Every CJK unified ideograph (U+4E00–U+9FFF) OpenCC writes otherwise when it stands alone: the characters
 * of traditional writing. A text without any of them needs no conversion, which spares converting the
 * (nearly all simplified) day's documents. Read from the converter itself (about 3,100 characters, 25 ms
 * once), not listed by hand: a list of common ones missed 報, and a traditional 《政府工作報告》 found in a
 * source stayed unconverted, so the verifier refused a verbatim quote naming it (day-n).
 */
function traditionalOnly(): RegExp {
  if (!traditional) {
    const ideographs = Array.from({ length: 0x9fff - 0x4e00 + 1 }, (_, i) => String.fromCharCode(0x4e00 + i));
    const converted = toSimplified(ideographs.join('\n')).split('\n');
    traditional = new RegExp(`[${ideographs.filter((c, i) => converted[i] !== c).join('')}]`);
  }
  return traditional;
}
/** Read on the first text converted, not when a command that converts none starts. */
let traditional: RegExp | undefined;
const fromTaiwan = OpenCC.Converter({ from: 'twp', to: 'cn' });

/**
 * Words only Taiwan writes for the mainland's (資訊 for 信息, 積體電路 for 集成电路, 人工智慧 for 人工智能): a
 * copy served through a Taiwan-usage gateway (big5.china.com.cn) that uses them is converted with Taiwan's
 * phrases too, so 工業和資訊化部 reads as 工业和信息化部 (and 新聞釋出會 as 新闻发布会, day-bt). Other texts keep their own words.
 */
const taiwanMarkers = /資訊|積體電路|人工智慧|軟體|硬體|晶片|網路|數位|智慧財產|資料庫|釋出會/;

/** A text in simplified characters: a copy of a story in traditional characters compares equal to the original. */
export function simplified(text: string): string {
  if (!traditionalOnly().test(text)) return text;
  return taiwanMarkers.test(text) ? fromTaiwan(text) : toSimplified(text);
}

/** The letters of Hanyu Pinyin, tone marks included. */
const pinyinLetters = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
/**
 * A pinyin gloss that some mirror sites inject after characters: 國務(wù)院, 資本市場(chǎng). It follows a
 * Han character, in ASCII or full-width parentheses, and reads as one syllable; a space some mirrors type
 * inside it (發(jì )) or after it (國(guo) 新辦, 建設(she) 10週年) goes with it, and so does the same gloss
 * typed again after it (公(gong)(gong)共, day-ag: the second had stayed, and the brief's quote with it).
 */
const gloss = new RegExp(String.raw`(?<=\p{Script=Han})[(（]([${pinyinLetters}]{1,6}) ?[)）] ?(?:[(（]\1 ?[)）] ?)*`, 'gu');
const toneMark = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;

/**
 * Removes injected pinyin glosses. A syllable with a tone mark is a gloss wherever it stands; a toneless
 * one (wu, de) only in a text that carries at least two marked glosses or three glosses in all, since a
 * single (de) may be prose. Some mirrors gloss without tone marks: 國務(wu)院常務(wu)會(hui)議.
 */
export function withoutGlosses(text: string): string {
  if (!text.includes('(') && !text.includes('（')) return text;
  const found = [...text.matchAll(gloss)];
  const marked = found.filter((m) => toneMark.test(m[1]!)).length;
  const glossed = marked >= 2 || found.length >= 3;
  if (!glossed && marked === 0) return text;
  return text.replace(gloss, (whole: string, syllable: string) => (glossed || toneMark.test(syllable) ? '' : whole));
}

/** Zero-width and invisible characters that pages carry inside words (ZWSP, ZWJ, BOM, soft hyphen, word joiner). */
const invisible = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** Full-width digits, Latin letters and plus: ２０２５, ＡＩ, 人工智能＋. Chinese punctuation stays full-width. */
const fullWidthAlnum = /[\uff0b\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

/**
 * The one normalisation of text for analysis — relevance, document kind, issuer, places, grouping and
 * headlines all read text through it: traditional → simplified (OpenCC, Hong Kong variants), injected
 * pinyin glosses and invisible characters removed, full-width digits, Latin and ＋ → half-width, corner
 * brackets 「」『』 → “”‘’, dash variants (and 一 between digits) → —. Text shown to readers as a quote stays verbatim; where a quote
 * must come from a traditional or glossed copy it is passed through this too, and the verifier compares
 * it with the source passed through this.
 */
export function normaliseText(text: string): string {
  const cleaned = withoutGlosses(text.normalize('NFC').replace(invisible, ''));
  return simplified(cleaned)
    .replace(fullWidthAlnum, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/「/g, '“')
    .replace(/」/g, '”')
    .replace(/『/g, '‘')
    .replace(/』/g, '’')
    .replace(/[‒–―─]/g, '—')
    // A period typed with the numeral 一 for its dash (行动计划(2024一2028年), day-au's mirror) reads as the dash.
    .replace(/(?<=\d)一(?=\d)/g, '—');
}


/**
 * Chinese punctuation for a quotation or a title the brief prints from a page that typed half-width marks
 * (…服务,制定本方案; (2024~2026年)): ，：；！？～ and （） round Chinese text (GB/T 15834). A comma or colon
 * between digits (1,000, 10:30) stays. The verifier compares marks of either width alike (foldMarkWidth).
 */
export function chinesePunctuation(text: string): string {
  return text
    .replace(/(?<!\d),|,(?!\d)/g, '，')
    .replace(/(?<!\d):|:(?!\d)/g, '：')
    .replace(/;/g, '；')
    .replace(/!/g, '！')
    .replace(/\?/g, '？')
    .replace(/~/g, '～')
    .replace(/\(([^()]*\p{Script=Han}[^()]*)\)/gu, '（$1）');
}

/** Punctuation of either width read alike: what a comparison of a printed text with its source ignores. */
export function foldMarkWidth(text: string): string {
  return text.replace(/[，：；！？～（）]/g, (mark) => ({ '，': ',', '：': ':', '；': ';', '！': '!', '？': '?', '～': '~', '（': '(', '）': ')' })[mark]!);
}

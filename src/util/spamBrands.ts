/**
 * The brands of gambling and porn sites that spam mirrors inject into the headlines and sentences they copy
 * (…创新引领地金沙体育的实施意见, 金沙体育11月13日，广东省政府新闻办…, day-cj and day-k; 智慧城市XK星空体育发展, day-p;
 * …的决定|欧一美一色一伦一A片, days q and ci). Only names no official text holds: a brand with its 体育/娱乐
 * (金沙 alone is a county and a river), a porn word spelt out with 一 between its characters.
 */
// Bounded runs: an unbounded one is tried again from every character of a long text (fuzz-verify's 日×40000).
// Not a venue (金沙体育中心, 金沙体育馆), a planning zone (A片区: a porn word has its spelt-out run), nor words a
// notice against such sites uses (色情网站).
export const SPAM_BRANDS = /(?:XK)?星空体育|(?:金沙|开云|九游|乐鱼|华体会|亚博|必威|雷竞技|爱游戏|凯发|大发888|BOB|威尼斯人|新葡京)(?:体育|娱乐|电竞|官网|平台)(?![场馆中公局])|九游会|(?:[欧美亚洲日韩国产精品色伦理成人无码][一\-_.·]?){1,8}[AaＡ]片|伦理片|无码(?:视频|电影|高清)/;

const everyBrand = new RegExp(SPAM_BRANDS.source, 'g');

/**
 * A paragraph of a page without the spam brands injected into it (SPAM_BRANDS): 金沙体育11月13日，广东省… reads
 * 11月13日，广东省…. Everything else stays as the page gives it, so a quote from it is still verbatim.
 */
export function withoutSpamBrands(text: string): string {
  return text.replace(everyBrand, '');
}

import { getDomain } from 'tldts';
import type { BodiesFile, Body } from '../config/schema.ts';
import type { SourceTier } from '../domain/tier.ts';
import { CITY_END, leadingDivisions } from './divisions.ts';
import { placesIn } from './places.ts';

/** A body as the analysis knows it: a catalog source or a registry entry, by every name it goes by. */
export interface NamedBody {
  name: string;
  shortName?: string;
  aliases: readonly string[];
  tier: SourceTier;
}

/**
 * The registry's bodies, the provincial governments and their general offices spelled out, and each
 * province's Party reform commission, whose 文号 is the province's one-character abbreviation (the first of
 * its government's code) + 改委发 (鲁改委发〔2022〕5号: 中共山东省委全面深化改革委员会).
 */
export function registryBodies(file: BodiesFile): Body[] {
  const provinces = file.provinces.flatMap(({ place, code }): Body[] => [
    { name: `${place}人民政府`, shortName: `${place}政府`, aliases: [`${place}政府`], tier: 'provincial', docCodes: [code] },
    { name: `${place}人民政府办公厅`, shortName: `${place}政府办公厅`, aliases: [`${place}政府办公厅`], tier: 'provincial', docCodes: [`${code}办`] },
    { name: `中共${place}委全面深化改革委员会`, aliases: [], tier: 'provincial', docCodes: [`${code.slice(0, 1)}改委发`] },
  ]);
  return [...file.bodies, ...provinces];
}

/** The four municipalities directly under the State Council: their bureaus are provincial-level. */
const directMunicipality = new RegExp(String.raw`^(?:北京|天津|上海|重庆)${CITY_END}`);
const province = /^[\u4e00-\u9fff]{2,7}?(?:省|自治区)/;
const prefecture = new RegExp(String.raw`^[\u4e00-\u9fff]{1,8}?(?:${CITY_END}|自治州|地区|盟)`);
const county = new RegExp(String.raw`^[\u4e00-\u9fff]{1,8}?(?:县|区|旗|${CITY_END})`);

/**
 * A national body by the form of its name: 国家…局/总局/署/委员会 (国家航天局, 国家新闻出版署) and
 * 国务院…办公室/委员会, with a general office of theirs (…办公厅, …办公室). Names a place after 国家 does
 * not: 国家税务总局山东省税务局 is a province's branch.
 */
const nationalForm = /^(?:国家[\u4e00-\u9fff]{1,14}?(?:总局|局|署|委员会)|国务院[\u4e00-\u9fff]{1,12}?(?:办公室|委员会))(?:办公厅|办公室)?$/;

/**
 * A body of Taiwan's authorities, read simplified (國家發展委員會 → 国家发展委员会): the five 院 and 总统府, the
 * 行政院's councils and ministries whose names no mainland body bears (国家发展委员会, 经济部, 数位发展部, 金融监督
 * 管理委员会…), and the governments of Taiwan's cities and counties. None issues anything a mainland brief
 * credits to an official body: a report of one (鉅亨網記者…台北報導：國家發展委員會主任委員…, day-ca) is its
 * medium's. The names shared with mainland ministries (外交部, 财政部) are not listed: context alone tells them.
 */
const TAIWAN_AUTHORITIES = String.raw`行政院|立法院|司法院|考试院|监察院|总统府|国家发展委员会|国家科学及技术委员会|国家科学委员会|大陆委员会|金融监督管理委员会|数[位字]发展部|经济部|主计总处|国家通讯传播委员会|公平交易委员会|卫生福利部|侨务委员会|海洋委员会|原住民族委员会|客家委员会|国军退除役官兵辅导委员会|核能安全委员会|中央选举委员会|(?:台湾|台北|新北|桃园|台中|台南|高雄|基隆|新竹|嘉义|屏东|宜兰|花莲|台东|澎湖|金门|连江|苗栗|彰化|南投|云林)(?:省|市|县)(?:政府|议会)?`;
export const taiwanAuthority = new RegExp(`^(?:${TAIWAN_AUTHORITIES})`);
/**
 * A text whose headline or first sentence has Taiwan's authorities act (行政院, 国家发展委员会; or as mainland texts
 * call them, 民进党当局, 台湾当局): Taiwan's own policy or cross-strait politics, not the mainland policy a brief of
 * official Chinese sources covers. The real days' editors put every such story off-topic (days ah, as, aw, ca, g, j, y).
 */
export const taiwanAuthorityActs = new RegExp(`${TAIWAN_AUTHORITIES}|民进党当局|台湾当局`);

/**
 * The body a department of it belongs to (国家数据局 of 国家数据局综合司, 国家发展和改革委员会 of its 高技术司): a
 * department signs some documents in its own name, and the brief prints it so, but it speaks for its body —
 * one body when the brief counts a body's items or joins one body's reports of an event. Other names as given.
 */
export function bodyOfDepartment(name: string): string {
  return name.replace(/(?<=部|局|署|银行|委员会)[\u4e00-\u9fff]{1,9}?(?<!公)司$/, '');
}

/** A press office (国务院新闻办公室, 山东省人民政府新闻办), which hosts a briefing for the body that presents at it. */
export const pressOffice = /新闻办(?:公室)?$/;

/**
 * The tier of a body the registry does not list, from the form of its name (GB/T 2260 divisions): a
 * 国家…局/总局/署/委员会 is national (a bureau under the State Council or one of its ministries that the
 * registry misses); a province's or autonomous region's body is provincial, and so are the
 * bureaus of the four directly governed municipalities; a prefecture-level city's is municipal; a
 * county's, district's or county-level city's is `county`. The place is read against the GB/T 2260 list
 * first (divisions.ts), then, for places that list does not hold, by the suffixes alone. Returns null for
 * a name that has neither form (a ministry the registry misses, 市场监管总局).
 */
export function tierByForm(whole: string): SourceTier | null {
  if (taiwanAuthority.test(whole)) return null;
  // A Party committee is of its place's level: 中共北京市委 is provincial, as 北京市人民政府 is.
  const name = whole.replace(/^(?:中共|中国共产党)(?=[\u4e00-\u9fff]{2,})/, '');
  if (nationalForm.test(name) && placesIn(name.slice(2)).size === 0) return 'national';
  // The divisions list knows what the form cannot: 海宁市 is a county-level city, 保定 a prefecture.
  const run = leadingDivisions(name, looksLikeBody(name));
  if (run.length > 0) {
    const { division } = run[run.length - 1]!;
    if (division.level === 'province') return 'provincial';
    return division.level === 'prefecture' ? 'municipal' : 'county';
  }
  let rest = name;
  const direct = directMunicipality.exec(rest);
  if (direct) return county.test(rest.slice(direct[0].length)) && !/^(?:人民政府|政府)/.test(rest.slice(direct[0].length)) ? 'county' : 'provincial';
  const prov = province.exec(rest);
  if (prov) rest = rest.slice(prov[0].length);
  const city = prefecture.exec(rest);
  if (!city) {
    if (!prov && county.test(rest) && /(?:县|区|旗)/.test(rest.slice(0, 9))) return 'county';
    return prov ? 'provincial' : null;
  }
  return county.test(rest.slice(city[0].length)) && /^[\u4e00-\u9fff]{1,8}?(?:县|区|旗)/.test(rest.slice(city[0].length)) ? 'county' : 'municipal';
}

/**
 * Whether a name has the form of an official body: a place or a national prefix, then the kind of body
 * (人民政府, 办公厅, 委员会, 局, 厅, 部…). What a title's or a signature's unknown issuer must look like.
 */
export function looksLikeBody(name: string): boolean {
  return (
    name.length >= 3 &&
    name.length <= 30 &&
    /^[\u4e00-\u9fff（）()]+$/.test(name) &&
    // 市数管局, 省政府: a body named relative to the reader's place, not by its own name.
    !/^[市省县区]/.test(name) &&
    !taiwanAuthority.test(name) &&
    /(?:人民政府(?:办公厅|办公室)?|人民代表大会常务委员会|政府|委员会|管委会|办公厅|办公室|厅|局|委|部|署|院|中心|银行|交易所|司|处|专班|领导小组|工作组|新闻办)$/.test(name) &&
    !/(?:关于|印发|发布|通知|意见|方案|会议|报告)/.test(name)
  );
}

/** A site's name by its registrable domain (www.163.com → 网易), or the registrable domain itself. */
export function siteNameOf(url: string, sites: Readonly<Record<string, string>>): string {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return url;
  }
  const domain = getDomain(host) ?? host;
  return sites[host] ?? sites[domain] ?? domain;
}

/**
 * Whether a site name is a name a reader can be shown: one in Chinese, not a domain standing in for one
 * (5588vip.com) nor a <title> suffix that only repeats the domain's label (FZAAI, fzaai.cn).
 */
export function isPrintableName(name: string): boolean {
  return /\p{Script=Han}/u.test(name);
}

/**
 * A text read as a run of names with nothing between them (工业和信息化部中央网信办教育部, a joint heading
 * whose spaces were dropped or never typed): the names in order, each the one `nameAt` finds where the
 * last ended (callers give the longest first); null where some part is no name. An empty text is [].
 */
export function runOfNames(text: string, nameAt: (text: string, at: number) => string | undefined): string[] | null {
  const names: string[] = [];
  for (let at = 0; at < text.length; ) {
    const name = nameAt(text, at);
    if (!name) return null;
    names.push(name);
    at += name.length;
  }
  return names;
}

/**
 * China's administrative divisions by name (GB/T 2260 codes as the National Bureau of Statistics published
 * them in October 2019, from the china-area-data package): which names are provinces, prefecture-level
 * divisions and county-level ones. A body's tier follows from the division that heads its name (海宁市 is a
 * county-level city, 嘉兴市 a prefecture), which the form of the name alone cannot tell.
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';

/** The package's data: a code's children by code (`86` holds the provinces). */
type AreaData = Readonly<Record<string, Readonly<Record<string, string>>>>;

export type DivisionLevel = 'province' | 'prefecture' | 'county';

export interface Division {
  /** The full name (嘉兴市, 恩施土家族苗族自治州, 海淀区). */
  name: string;
  level: DivisionLevel;
  /** The province (or autonomous region, or municipality) it lies in, by full name: 浙江省 for 杭州市; none for a province. */
  province?: string;
}

/**
 * Prefectures whose name without 市 is a common word or a province (长治久安, 来宾, 白银, 三明治, 吉林省):
 * only their full name names them.
 */
const wordLike = new Set(['长治', '来宾', '白银', '安康', '大同', '中山', '三明', '吉林']);

/** Rows that stand for a grouping, not a place: a municipality's 市辖区, a province's directly governed counties. */
const grouping = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

function load(): { full: Map<string, Division>; short: Map<string, Division>; starts: Map<string, number> } {
  const areas = createRequire(import.meta.url)('china-area-data/data.json') as AreaData;
  const full = new Map<string, Division>();
  const short = new Map<string, Division>();
  const add = (name: string, level: DivisionLevel, province?: string) => {
    if (grouping.test(name) || full.has(name)) return;
    full.set(name, province ? { name, level, province } : { name, level });
  };
  for (const [provinceCode, province] of Object.entries(areas['86'] ?? {})) {
    add(province, 'province');
    for (const [cityCode, city] of Object.entries(areas[provinceCode] ?? {})) {
      add(city, 'prefecture', province);
      // 嘉兴 for 嘉兴市, as texts write a prefecture among its own (结合嘉兴实际).
      const bare = city.replace(/(?:市|地区|盟)$/, '');
      if (!grouping.test(city) && bare !== city && bare.length >= 2 && !wordLike.has(bare)) short.set(bare, { name: city, level: 'prefecture', province });
      // An autonomous prefecture goes by its place and 州 (黔东南州人民政府办公室 signs for 黔东南苗族侗族自治州, day-bn;
      // 恩施州, 延边州): the name before its peoples' names.
      const autonomous = /^([\u4e00-\u9fff]{2,}?)(?:土家|苗|侗|哈尼|彝|蒙古|藏|朝鲜|傣|景颇|傈僳|白|壮|布依|回|哈萨克|柯尔克孜|羌)族?.*自治州$/.exec(city);
      // Not the bare place: 海南 is the province's too (海南藏族自治州).
      if (autonomous && !full.has(`${autonomous[1]!}州`)) full.set(`${autonomous[1]!}州`, { name: city, level: 'prefecture', province });
      for (const county of Object.values(areas[cityCode] ?? {})) add(county, 'county', province);
    }
  }
  // Each name's first two characters, with the longest name that starts so: a text is read at every
  // position, and most positions start no name at all.
  const starts = new Map<string, number>();
  for (const name of [...full.keys(), ...short.keys()]) starts.set(name.slice(0, 2), Math.max(starts.get(name.slice(0, 2)) ?? 0, name.length));
  return { full, short, starts };
}

let loaded: ReturnType<typeof load> | null = null;
const table = () => (loaded ??= load());

/**
 * 市 as a city's name ends, in a pattern: not the 市 that begins 市场 (a market: 北京市场监管总局, 去年年底市场监管总局
 * are no city's bodies, day-w), but 郑州市场景 is 郑州市's 场景.
 */
export const CITY_END = String.raw`市(?!场(?!景))`;
const cityEnd = new RegExp(`^${CITY_END}`);

/** The division a full name stands for (海宁市 → county-level); undefined for a name the 2019 list does not hold. */
export function divisionNamed(name: string): Division | undefined {
  return table().full.get(name);
}

/**
 * The longest division named at `at` in `text`, by its full name, or with `short` also by a prefecture's
 * name without 市 (嘉兴). Returns the division and the characters matched; null when none starts there.
 */
export function divisionAt(text: string, at: number, short = false): { division: Division; matched: string } | null {
  const { full, short: shorts, starts } = table();
  // Full names run to 15 characters (新疆维吾尔自治区, 恩施土家族苗族自治州, 博尔塔拉蒙古自治州).
  const longest = starts.get(text.slice(at, at + 2));
  if (longest === undefined) return null;
  for (let end = Math.min(text.length, at + longest); end >= at + 2; end--) {
    const words = text.slice(at, end);
    const division = full.get(words) ?? (short ? shorts.get(words) : undefined);
    if (division && (!words.endsWith('市') || cityEnd.test(text.slice(end - 1)))) return { division, matched: words };
  }
  return null;
}

/**
 * The run of divisions a name starts with, outermost first (江苏省苏州市 → 江苏省, 苏州市; 北京市海淀区 → 北京市,
 * 海淀区); with `short`, the first may be a prefecture without its 市. Empty when the name starts with none.
 */
export function leadingDivisions(name: string, short = false): { division: Division; matched: string }[] {
  const run: { division: Division; matched: string }[] = [];
  for (let at = 0; at < name.length; ) {
    const next = divisionAt(name, at, short && run.length === 0);
    if (!next) break;
    run.push(next);
    at += next.matched.length;
  }
  return run;
}

/** The prefecture-level divisions a text names, by full name or without 市 (嘉兴), in full form. */
export function prefecturesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (let at = 0; at < text.length - 1; at++) {
    const named = divisionAt(text, at, true);
    if (named?.division.level === 'prefecture') {
      found.add(named.division.name);
      at += named.matched.length - 1;
    }
  }
  return found;
}

/** A division's name without its kind (常州 of 常州市, 平湖 of 平湖市, 广东 of 广东省), as its domain spells it. */
const placeWord = /(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|地区|盟|自治州|自治县|县|区|旗)$/;

/** Divisions by how a domain spells them: `full:` whole syllables (changzhou), `initials:` their first letters (lyg). */
function loadSpellings(): Map<string, Division[]> {
  const spelt = new Map<string, Division[]>();
  const seen = new Set<string>();
  for (const division of table().full.values()) {
    if (seen.has(division.name)) continue;
    seen.add(division.name);
    const word = division.name.replace(placeWord, '') || division.name;
    const syllables = pinyin(word, { toneType: 'none', type: 'array' });
    for (const key of [`full:${syllables.join('')}`, `initials:${syllables.map((syllable) => syllable[0]).join('')}`]) spelt.set(key, [...(spelt.get(key) ?? []), division]);
  }
  return spelt;
}

let spellings: Map<string, Division[]> | null = null;

/**
 * The division whose government a gov.cn host belongs to, by the label before gov.cn: a province or prefecture
 * spelt in full pinyin (changzhou.gov.cn, jxj.wuhan.gov.cn) or by its initials (lyg.gov.cn → 连云港市,
 * gd.gov.cn → 广东省), else a county-level division spelt in full (pinghu.gov.cn → 平湖市). Only governments
 * register under gov.cn (CNNIC's rules for the domain), and most name the domain after their place. Undefined
 * for a spelling two divisions share (suzhou: 苏州 and 宿州; gz: 广州, 贵州, 赣州), a ministry's (miit.gov.cn)
 * and any other host.
 */
export function divisionOfGovHost(host: string): Division | undefined {
  const label = /(?:^|\.)([a-z]+)\.gov\.cn$/.exec(host.toLowerCase())?.[1];
  if (!label || label.length < 2) return undefined;
  spellings ??= loadSpellings();
  const upper = (division: Division) => division.level !== 'county';
  // A province's or prefecture's spelling first (changzhou is 常州市 before 长洲区), then a county's in full.
  for (const found of [
    (spellings.get(`full:${label}`) ?? []).filter(upper),
    (spellings.get(`initials:${label}`) ?? []).filter(upper),
    (spellings.get(`full:${label}`) ?? []).filter((division) => !upper(division)),
  ]) {
    if (found.length > 0) return found.length === 1 ? found[0] : undefined;
  }
  return undefined;
}

import { divisionAt, divisionNamed, prefecturesIn } from './divisions.ts';

/** Provincial-level divisions and major cities, by the short names titles use. */
const placeNames = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '广西', '海南', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '香港', '澳门',
  '深圳', '广州', '杭州', '南京', '武汉', '成都', '西安', '合肥', '苏州', '青岛', '厦门', '宁波', '长沙', '郑州', '济南', '沈阳', '大连',
  '哈尔滨', '长春', '石家庄', '太原', '南昌', '福州', '昆明', '贵阳', '南宁', '兰州', '银川', '西宁', '乌鲁木齐', '拉萨', '呼和浩特',
  '海口', '无锡', '东莞', '佛山', '雄安',
];

/**
 * The places a text names: the short names above, and every prefecture named in full or without 市
 * (十堰市, 十堰 → 十堰市) and every county-level division named in full (海宁市), from the GB/T 2260 list.
 */
export function placesIn(text: string): Set<string> {
  const places = new Set([...placeNames.filter((place) => text.includes(place)), ...prefecturesIn(text)]);
  for (let at = 0; at < text.length - 1; at++) {
    const named = divisionAt(text, at);
    if (named?.division.level === 'county') places.add(named.matched);
  }
  return places;
}

/** The places of a set below the provinces: prefectures and counties. */
function local(places: Set<string>): Set<string> {
  return new Set([...places].filter((place) => divisionNamed(place)?.level === 'prefecture' || divisionNamed(place)?.level === 'county'));
}

/**
 * Two titles that each name places, none in common, are about different places: not one story. Where both
 * name a city or county, those decide (十堰市 and 襄阳市 plans from one template are two stories; 湖北十堰
 * and 十堰市 are one).
 */
export function differentPlaces(a: Set<string>, b: Set<string>): boolean {
  const [localA, localB] = [local(a), local(b)];
  const [x, y] = localA.size > 0 && localB.size > 0 ? [localA, localB] : [a, b];
  if (x.size === 0 || y.size === 0) return false;
  for (const place of x) if (y.has(place)) return false;
  return true;
}

/** Provincial-level divisions and major cities, by the short names titles use. */
const placeNames = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '广西', '海南', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '香港', '澳门',
  '深圳', '广州', '杭州', '南京', '武汉', '成都', '西安', '合肥', '苏州', '青岛', '厦门', '宁波', '长沙', '郑州', '济南', '沈阳', '大连',
  '哈尔滨', '长春', '石家庄', '太原', '南昌', '福州', '昆明', '贵阳', '南宁', '兰州', '银川', '西宁', '乌鲁木齐', '拉萨', '呼和浩特',
  '海口', '无锡', '东莞', '佛山', '雄安',
];

/** The places a text names. */
export function placesIn(text: string): Set<string> {
  return new Set(placeNames.filter((place) => text.includes(place)));
}

/** Two titles that each name places, none in common, are about different places: not one story. */
export function differentPlaces(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const place of a) if (b.has(place)) return false;
  return true;
}

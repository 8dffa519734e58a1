/**
 * The origin of a story (src/analyze/origin.ts): the directory of bodies a brief knows, whose page is a
 * government's own, which body a story's copies name as their issuer, which copy stands for the story and
 * who counts as a reposter. Each case is written from the rule's comment and fails when the rule is broken.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BodiesFile, Source } from '../src/config/schema.ts';
import { isOwnGovernment, resolveOrigin, SourceDirectory, type OriginMember } from '../src/analyze/origin.ts';

function source(id: string, name: string, tier: Source['tier'], extra: Partial<Source> = {}): Source {
  return { id, name, aliases: [], tier, region: '全国', homepage: `https://${id}.example.gov.cn/`, entries: [{ type: 'rss', url: `https://${id}.example.gov.cn/rss.xml` }], verified: false, allowPrivate: false, robots: 'obey', ...extra };
}

/** A small catalog and registry of our own, so each rule's case names exactly the bodies it needs. */
const sources: Source[] = [
  source('miit', '工业和信息化部', 'national', { shortName: '工信部', aliases: ['中华人民共和国工业和信息化部'] }),
  source('sh-jrj', '上海市地方金融管理局', 'provincial', { shortName: '上海金融局' }),
  source('sse', '上海证券交易所', 'exchange', { shortName: '上交所' }),
];
const registry: BodiesFile = {
  bodies: [
    // The registry lists the ministry too, under a name of its own: the catalog's name is the one the brief prints.
    { name: '中华人民共和国工业和信息化部', shortName: '工业和信息化部', aliases: ['工信部', '国家工业和信息化部'], tier: 'national', docCodes: ['工信部', '工信部联'] },
    { name: '国务院', aliases: [], tier: 'national', docCodes: ['国发', '国函'] },
    { name: '国务院办公厅', shortName: '国办', aliases: [], tier: 'national', docCodes: ['国办发', '国办函'] },
    { name: '国家数据局', aliases: [], tier: 'national', docCodes: ['国数'] },
  ],
  provinces: [
    { place: '北京市', code: '京政' },
    { place: '河南省', code: '豫政' },
    { place: '广西壮族自治区', code: '桂政' },
    { place: '宁夏回族自治区', code: '宁政' },
    { place: '新疆维吾尔自治区', code: '新政' },
    { place: '西藏自治区', code: '藏政' },
  ],
  sites: { '163.com': '网易', 'thepaper.cn': '澎湃新闻', 'news.cctv.com': '央视新闻' },
  media: [],
  officials: [],
};
const directory = new SourceDirectory(sources, registry);

describe('the directory of bodies', () => {
  it('knows each body by every name, the catalog\'s entry first when the registry lists the same name', () => {
    assert.equal(directory.byName('工信部')?.name, '工业和信息化部');
    assert.equal(directory.byName('中华人民共和国工业和信息化部')?.name, '工业和信息化部');
    // A name only the registry gives still leads to the body it names.
    assert.equal(directory.byName('国家工业和信息化部')?.name, '中华人民共和国工业和信息化部');
    assert.equal(directory.byName('上海金融局')?.tier, 'provincial');
    // Exact names only: 国务院办公厅 is not 国务院, and 国务院 is not its General Office.
    assert.equal(directory.byName('国务院办公厅')?.name, '国务院办公厅');
    assert.equal(directory.byName('国务院')?.name, '国务院');
    assert.equal(directory.byName('国务院办'), undefined);
    // Each province yields its government and general office, by full and short name.
    assert.equal(directory.byName('河南省政府')?.name, '河南省人民政府');
    assert.equal(directory.byName('河南省政府办公厅')?.name, '河南省人民政府办公厅');
  });

  it('finds a catalog source by its id', () => {
    assert.equal(directory.get('sse')?.name, '上海证券交易所');
    assert.equal(directory.get('nda'), undefined);
  });

  it('names the provinces by full and short name, every suffix of an autonomous region dropped', () => {
    assert.deepEqual(directory.provinces(), [
      { place: '北京市', short: '北京' },
      { place: '河南省', short: '河南' },
      { place: '广西壮族自治区', short: '广西' },
      { place: '宁夏回族自治区', short: '宁夏' },
      { place: '新疆维吾尔自治区', short: '新疆' },
      { place: '西藏自治区', short: '西藏' },
    ]);
    assert.deepEqual(new SourceDirectory(sources).provinces(), []);
  });

  it('reads the longest known name at an offset, and only a name that fits', () => {
    const title = '国务院办公厅关于加快场景培育和开放推动新场景大规模应用的实施意见';
    assert.equal(directory.nameAt(title), '国务院办公厅');
    assert.equal(directory.nameAt(title, 0, (name) => name.length < 5), '国务院');
    assert.equal(directory.nameAt(title, 0, () => false), undefined);
    const joint = '工业和信息化部国家数据局关于开展数据要素试点的通知';
    assert.equal(directory.nameAt(joint, 7), '国家数据局');
    assert.equal(directory.nameAt(joint, 1), undefined);
    // 中华人民共和国工业和信息化部 holds 工业和信息化部, and the longer name is the one read.
    assert.equal(directory.nameAt('中华人民共和国工业和信息化部印发《人形机器人创新发展指导意见》'), '中华人民共和国工业和信息化部');
  });

  it('reads the issuer of a 文号 by its longest 机关代字: 国办发 is the General Office, 国发 the State Council', () => {
    assert.equal(directory.bodyByDocCode('国办发')?.name, '国务院办公厅');
    assert.equal(directory.bodyByDocCode('国发')?.name, '国务院');
    assert.equal(directory.bodyByDocCode('工信部联通信')?.name, '中华人民共和国工业和信息化部');
    assert.equal(directory.bodyByDocCode('京政办发')?.name, '北京市人民政府办公厅');
    assert.equal(directory.bodyByDocCode('京政发')?.name, '北京市人民政府');
    assert.equal(directory.bodyByDocCode('沪府发'), undefined);
  });

  it('lists every body once with all its names, the longest first, for the verifier', () => {
    const bodies = directory.knownBodies();
    // Three catalog sources, three registry bodies not in the catalog by name (国家工业和信息化部 is the ministry's
    // registry entry), and three bodies for each of six provinces: its government, its general office and its
    // Party reform commission (鲁改委发).
    assert.equal(bodies.length, 3 + 4 + 18);
    assert.equal(directory.bodyByDocCode('豫改委发')?.name, '中共河南省委全面深化改革委员会');
    assert.deepEqual(bodies.find((b) => b.names.includes('上交所'))?.names, ['上海证券交易所', '上交所']);
    assert.deepEqual(bodies.find((b) => b.names.includes('国务院办公厅'))?.names, ['国务院办公厅', '国办']);
    assert.deepEqual(bodies.find((b) => b.names.includes('国务院'))?.names, ['国务院']);
    // An alias longer than the name comes first: the verifier reads the longest name a text holds.
    assert.deepEqual(bodies.find((b) => b.names.includes('工信部'))?.names, ['中华人民共和国工业和信息化部', '工业和信息化部', '工信部']);
    assert.deepEqual(bodies.find((b) => b.names.includes('河南省人民政府'))?.names, ['河南省人民政府', '河南省政府', '河南省政府']);
    assert.equal(directory.knownBodies(), bodies);
  });

  it('tells a site\'s name (新华网, 澎湃新闻) from a body\'s', () => {
    assert.equal(directory.isSiteName('澎湃新闻'), true);
    assert.equal(directory.isSiteName('网易'), true);
    assert.equal(directory.isSiteName('国家数据局'), false);
    assert.equal(directory.isSiteName('163.com'), false);
  });

  it('names a body in running text by its short name when it has one', () => {
    assert.equal(directory.shortName('上海证券交易所'), '上交所');
    assert.equal(directory.shortName('中华人民共和国工业和信息化部'), '工信部');
    assert.equal(directory.shortName('国家数据局'), '国家数据局');
    assert.equal(directory.shortName('十堰市数据局'), '十堰市数据局');
  });

  it('gives a body\'s tier from the catalog or registry, else from the form of its name, else null', () => {
    assert.equal(directory.tierOf('上交所'), 'exchange');
    assert.equal(directory.tierOf('广西壮族自治区人民政府办公厅'), 'provincial');
    assert.equal(directory.tierOf('十堰市数据局'), 'municipal');
    assert.equal(directory.tierOf('海宁市经济和信息化局'), 'county');
    assert.equal(directory.tierOf('国家低空经济发展中心'), null);
  });

  it('names the site a copy was found on: the catalog\'s name, else the page\'s own, else the domain\'s, never an id', () => {
    assert.equal(directory.siteName({ sourceId: 'sse', url: 'https://www.sse.com.cn/a.html', siteName: '上交所官网' }), '上海证券交易所');
    assert.equal(directory.siteName({ sourceId: 'web', url: 'https://www.thepaper.cn/newsDetail_1', siteName: '澎湃' }), '澎湃');
    assert.equal(directory.siteName({ sourceId: 'web', url: 'https://www.163.com/dy/article/1.html', siteName: null }), '网易');
    assert.equal(directory.siteName({ sourceId: 'web', url: 'https://news.cctv.com/2026/06/18/a.shtml' }), '央视新闻');
    assert.equal(directory.siteName({ sourceId: 'web', url: 'https://www.fzaai.cn/news/1.html' }), 'fzaai.cn');
  });
});

describe('a government\'s own portal', () => {
  it('is the portal of the government the issuer belongs to, not a repost', () => {
    assert.equal(isOwnGovernment('连云港市人民政府', '连云港市数据局'), true);
    assert.equal(isOwnGovernment('连云港市人民政府', '连云港市人民政府办公室'), true);
    assert.equal(isOwnGovernment('连云港市人民政府', '江苏省连云港市数据局'), true);
  });

  it('is not another place\'s portal, the issuer itself, or a site that is no government portal', () => {
    assert.equal(isOwnGovernment('江苏省人民政府', '连云港市数据局'), false);
    assert.equal(isOwnGovernment('徐州市人民政府', '连云港市数据局'), false);
    assert.equal(isOwnGovernment('连云港市人民政府', '连云港市人民政府'), false);
    assert.equal(isOwnGovernment('连云港市人民政府办公室', '连云港市数据局'), false);
    assert.equal(isOwnGovernment('连云港发布', '连云港市数据局'), false);
    assert.equal(isOwnGovernment('人民政府', '连云港市数据局'), false);
    // An issuer that names no place belongs to no city's government.
    assert.equal(isOwnGovernment('连云港市人民政府', '国家数据局'), false);
  });
});

const at = (hour: number, minute = 0) => `2026-06-18T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;
function member(id: number, site: string, hour: number, extra: Partial<OriginMember> = {}): OriginMember {
  return { id, site, repostOf: null, publishedAt: at(hour), ...extra };
}

describe('the origin of a story', () => {
  it('is the body most copies name as their issuer, and its own page represents the story though crawled last', () => {
    const story = resolveOrigin(
      [
        member(3, '工业和信息化部', 20, { issuer: '工业和信息化部', issuerHow: 'title', primary: true }),
        member(1, '网易', 9, { issuer: '工信部', issuerHow: 'lead' }),
        member(2, '上海市地方金融管理局', 11, { repostOf: '工业和信息化部', issuer: '工业和信息化部', issuerHow: 'title', primary: true }),
      ],
      directory,
    );
    assert.deepEqual(story, { origin: '工业和信息化部', representativeId: 3, reposters: ['网易', '上海市地方金融管理局'] });
  });

  it('counts every name of one body as that body: 工信部 and 中华人民共和国工业和信息化部 are 工业和信息化部', () => {
    // Two copies name the ministry by other names; one names 国家数据局 in its title (3): 2 + 2 > 3.
    const story = resolveOrigin(
      [
        member(1, '国家数据局', 9, { issuer: '国家数据局', issuerHow: 'title' }),
        member(2, '网易', 10, { issuer: '工信部', issuerHow: 'lead' }),
        member(3, '澎湃新闻', 11, { issuer: '中华人民共和国工业和信息化部', issuerHow: 'source' }),
      ],
      directory,
    );
    assert.equal(story.origin, '工业和信息化部');
  });

  it('weighs a copy that names its issuer in its own words (title, 文号, signature) above a reporter\'s lead or 来源', () => {
    for (const how of ['title', 'docNumber', 'signature'] as const) {
      // The lead came first, so on a tie it would stand: only the heavier own word wins.
      const story = resolveOrigin(
        [member(1, '网易', 9, { issuer: '国家数据局', issuerHow: 'lead' }), member(2, '澎湃新闻', 10, { issuer: '国务院', issuerHow: how })],
        directory,
      );
      assert.equal(story.origin, '国务院', how);
      const source = resolveOrigin(
        [member(1, '网易', 9, { issuer: '国家数据局', issuerHow: 'source' }), member(2, '澎湃新闻', 10, { issuer: '国务院', issuerHow: how })],
        directory,
      );
      assert.equal(source.origin, '国务院', `${how} over source`);
    }
  });

  it('weighs a reporter\'s lead or 来源 above what a site or a title\'s place says', () => {
    for (const how of ['lead', 'source'] as const) {
      const overSite = resolveOrigin([member(1, '网易', 9), member(2, '澎湃新闻', 10, { issuer: '国家数据局', issuerHow: how })], directory);
      assert.equal(overSite.origin, '国家数据局', how);
      // Two guesses (the site, the title's place) against one lead: 1 + 1 is not more than 2.
      const overPlace = resolveOrigin(
        [member(1, '网易', 9, { issuer: '襄阳市', issuerHow: 'place' }), member(2, '澎湃新闻', 10, { issuer: '国家数据局', issuerHow: how })],
        directory,
      );
      assert.equal(overPlace.origin, '国家数据局', `${how} over place`);
    }
    // Three weak claims do outweigh one lead.
    const many = resolveOrigin(
      [
        member(1, '网易', 9, { issuer: '襄阳市', issuerHow: 'place' }),
        member(2, '央视新闻', 9, { issuer: '襄阳市', issuerHow: 'place' }),
        member(3, '襄阳日报', 9, { issuer: '襄阳市', issuerHow: null }),
        member(4, '澎湃新闻', 10, { issuer: '国家数据局', issuerHow: 'lead' }),
      ],
      directory,
    );
    assert.equal(many.origin, '襄阳市');
  });

  it('takes the body a repost names as its source when a copy names no issuer, else the site', () => {
    const media = resolveOrigin([member(9, '武汉市科技创新局', 8, { repostOf: '长江日报' })], directory);
    assert.deepEqual(media, { origin: '长江日报', representativeId: 9, reposters: ['武汉市科技创新局'] });
    // An issuer the copy names outweighs the source it reposted from.
    const named = resolveOrigin([member(9, '武汉市科技创新局', 8, { repostOf: '长江日报', issuer: '武汉市人民政府', issuerHow: 'title' })], directory);
    assert.equal(named.origin, '武汉市人民政府');
    const site = resolveOrigin([member(4, '上海证券交易所', 8)], directory);
    assert.deepEqual(site, { origin: '上海证券交易所', representativeId: 4, reposters: [] });
  });

  it('on a tie between two names of one body\'s family, takes the more specific, whichever came first', () => {
    const office = member(1, '大众网', 9, { issuer: '山东省人民政府新闻办公室', issuerHow: 'lead' });
    const government = member(2, '齐鲁网', 10, { issuer: '山东省人民政府', issuerHow: 'lead' });
    assert.equal(resolveOrigin([office, government], directory).origin, '山东省人民政府新闻办公室');
    assert.equal(resolveOrigin([{ ...office, publishedAt: at(11) }, government], directory).origin, '山东省人民政府新闻办公室');
    // The more specific name does not win with fewer claims than the body's own.
    const twice = member(4, '大众日报', 11, { issuer: '山东省人民政府', issuerHow: 'lead' });
    assert.equal(resolveOrigin([government, office, twice], directory).origin, '山东省人民政府');
    assert.equal(resolveOrigin([{ ...government, publishedAt: at(8) }, office, twice], directory).origin, '山东省人民政府');
    // Two unrelated bodies named as often: the earlier claim stands.
    const other = member(3, '澎湃新闻', 10, { issuer: '河南省人民政府', issuerHow: 'lead' });
    assert.equal(resolveOrigin([government, other], directory).origin, '山东省人民政府');
    assert.equal(resolveOrigin([{ ...government, publishedAt: at(12) }, other], directory).origin, '河南省人民政府');
  });

  it('takes the body that presented at a briefing over the press office that hosted it, named by more copies or as many', () => {
    // day-ap: one report names 工信部's presenter, two only 国新办's briefing.
    const presenter = member(1, '网易', 9, { issuer: '工业和信息化部', issuerHow: 'lead' });
    const host = (id: number, hour: number) => member(id, `站点${id}`, hour, { issuer: '国务院新闻办公室', issuerHow: 'lead' });
    assert.equal(resolveOrigin([presenter, host(2, 10), host(3, 11)], directory).origin, '工业和信息化部');
    assert.equal(resolveOrigin([host(2, 8), host(3, 8), presenter], directory).origin, '工业和信息化部');
    // A host named by more copies still is the host.
    assert.equal(resolveOrigin([presenter, host(2, 10), host(3, 11), host(4, 12)], directory).origin, '国务院新闻办公室');
  });

  it('takes a government portal\'s copy as the issuer\'s own publication, not a repost', () => {
    const story = resolveOrigin(
      [
        member(1, '江苏省人民政府', 8, { issuer: '连云港市数据局', issuerHow: 'title', primary: true }),
        member(2, '连云港市人民政府', 9, { issuer: '连云港市数据局', issuerHow: 'title', primary: true }),
        member(3, '连云港市人民政府', 10, { issuer: '连云港市数据局', issuerHow: 'title', primary: true }),
      ],
      directory,
    );
    assert.deepEqual(story, { origin: '连云港市数据局', representativeId: 2, reposters: ['江苏省人民政府'] });
  });

  it('does not take as the origin\'s own page a copy its site reposted from another body', () => {
    const story = resolveOrigin(
      [
        member(1, '国家数据局', 8, { repostOf: '新华社', issuer: '国务院', issuerHow: 'lead', clean: true }),
        member(2, '中国政府网', 9, { issuer: '国务院', issuerHow: 'title', primary: true }),
        member(3, '国务院', 10, { repostOf: '新华社', issuer: '国务院', issuerHow: 'title', primary: true }),
      ],
      directory,
    );
    assert.equal(story.origin, '国务院');
    assert.equal(story.representativeId, 2);
    assert.deepEqual(story.reposters, ['国家数据局', '中国政府网']);
    // The origin's page that names the origin as its source is its own.
    const own = resolveOrigin([member(5, '中国政府网', 8, { issuer: '国务院', issuerHow: 'title', primary: true }), member(6, '国务院', 9, { repostOf: '国务院', issuer: '国务院', issuerHow: 'title' })], directory);
    assert.equal(own.representativeId, 6);
  });
});

describe('the copy that represents a story when the origin\'s page was not crawled', () => {
  const issuer = { issuer: '国务院', issuerHow: 'title' as const };
  it('is the earliest copy of the document itself in simplified characters', () => {
    const story = resolveOrigin(
      [
        member(1, '网易', 8, { ...issuer, primary: false, clean: true }),
        member(2, '香港政府新闻网', 9, { ...issuer, primary: true, clean: false }),
        member(4, '中国政府网', 11, { ...issuer, primary: true, clean: true }),
        member(3, '人民网', 10, { ...issuer, primary: true }),
      ],
      directory,
    );
    assert.equal(story.representativeId, 3);
    assert.deepEqual(story.reposters, ['网易', '香港政府新闻网', '人民网', '中国政府网']);
  });

  it('else the earliest copy of the document itself, in traditional or glossed characters', () => {
    const story = resolveOrigin(
      [member(1, '网易', 8, { ...issuer, clean: true }), member(2, '香港政府新闻网', 9, { ...issuer, primary: true, clean: false }), member(3, '澳门日报', 10, { ...issuer, primary: true, clean: false })],
      directory,
    );
    assert.equal(story.representativeId, 2);
  });

  it('else the earliest copy in simplified characters, else the earliest copy', () => {
    const simplified = resolveOrigin([member(1, '香港政府新闻网', 8, { ...issuer, clean: false }), member(2, '网易', 9, { ...issuer, clean: true }), member(3, '澎湃新闻', 10, issuer)], directory);
    assert.equal(simplified.representativeId, 2);
    const glossed = resolveOrigin([member(2, '澳门日报', 9, { ...issuer, clean: false }), member(1, '香港政府新闻网', 9, { ...issuer, clean: false })], directory);
    // Published at the same minute: the lower id is the earlier copy.
    assert.equal(glossed.representativeId, 1);
    assert.deepEqual(glossed.reposters, ['香港政府新闻网', '澳门日报']);
  });

  it('orders copies by publication time, not by the order given, and names each reposter once', () => {
    const story = resolveOrigin(
      [
        member(5, '网易', 15, issuer),
        { ...member(4, '澎湃新闻', 0, issuer), publishedAt: '2026-06-18T01:30:00Z' },
        member(3, '网易', 7, issuer),
        member(2, '央视新闻', 8, issuer),
      ],
      directory,
    );
    // 01:30 UTC is 09:30 in Shanghai: after 网易 at 07:00 and 央视新闻 at 08:00.
    assert.equal(story.representativeId, 3);
    assert.deepEqual(story.reposters, ['网易', '央视新闻', '澎湃新闻']);
  });
});

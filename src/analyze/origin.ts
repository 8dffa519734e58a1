import type { BodiesFile, Body, Official, Source } from '../config/schema.ts';
import { bodyOfDepartment, pressOffice, registryBodies, siteNameOf, tierByForm, type NamedBody } from './bodies.ts';
import { leadingDivisions } from './divisions.ts';
import { normaliseText } from '../util/normalise.ts';
import { compareUrls } from '../util/url.ts';
import type { IssuerReading } from '../domain/candidate.ts';

/**
 * The bodies a brief knows: the catalog's sources (the sites it crawls) and the registry's issuing bodies
 * (config/bodies.yaml), each by every name it goes by; and the names of sites by their domain.
 */
export class SourceDirectory {
  private readonly byId: Map<string, Source>;
  private readonly names = new Map<string, NamedBody>();
  private readonly docCodes = new Map<string, Body>();
  private readonly sites: Readonly<Record<string, string>>;
  private readonly longestFirst: string[];
  private readonly provinceNames: { place: string; short: string }[];
  private readonly officials: readonly Official[];
  /** A medium's name by each name it goes by. */
  private readonly media = new Map<string, string>();

  constructor(
    readonly sources: readonly Source[],
    registry: BodiesFile = { bodies: [], provinces: [], sites: {}, media: [], officials: [] },
  ) {
    this.byId = new Map(sources.map((s) => [s.id, s]));
    const bodies = registryBodies(registry);
    // The catalog first: its names are what the brief prints for the bodies it crawls.
    for (const body of [...sources, ...bodies]) {
      for (const name of [body.name, body.shortName, ...body.aliases]) if (name && !this.names.has(name)) this.names.set(name, body);
    }
    // The registry gives the tier of a catalog body's names as well, when both list it.
    for (const body of bodies) for (const code of body.docCodes) this.docCodes.set(code, body);
    this.sites = registry.sites;
    this.provinceNames = registry.provinces.map(({ place }) => ({ place, short: place.replace(/(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '') }));
    this.longestFirst = [...this.names.keys()].sort((a, b) => b.length - a.length);
    this.officials = registry.officials;
    for (const medium of registry.media) for (const name of [medium.name, ...medium.aliases]) this.media.set(name, medium.name);
  }

  /**
   * The officials of the register in office on `day` (a Shanghai day, YYYY-MM-DD; every official when null),
   * each with the body of the post: whom a report may quote by name alone (潘功胜说…).
   */
  officialsOn(day: string | null): { official: Official; body: NamedBody }[] {
    return this.officials.flatMap((official) => {
      const body = this.byName(official.body);
      const inOffice = day === null || ((!official.from || official.from <= day) && (!official.until || day <= official.until));
      return body && inOffice ? [{ official, body }] : [];
    });
  }

  /** The provincial-level divisions, by full place name and the short name titles use (河南省, 河南). */
  provinces(): readonly { place: string; short: string }[] {
    return this.provinceNames;
  }

  get(id: string): Source | undefined {
    return this.byId.get(id);
  }

  /**
   * Exact names only: 国务院办公厅 is not 国务院, and a department is not its ministry. A body named with its
   * term (中国共产党第二十届中央委员会, 第十四届全国人民代表大会常务委员会) is the body of every term, and one of
   * its sessions (…第三次全体会议, …第十五次会议) is that body's.
   */
  byName(name: string): NamedBody | undefined {
    // A term and a session name the body that sits in them: 中国共产党第二十届中央委员会第三次全体会议 is 中共中央's.
    const sitting = name.replace(/第?[一二三四五六七八九十]+届/, '').replace(/(.{3,})第[一二三四五六七八九十]+次(?:全体)?会议$/, '$1');
    return this.names.get(name) ?? (sitting !== name ? this.names.get(sitting) : undefined);
  }

  /**
   * The longest name the directory knows that `text` holds at offset `at` and that passes `fits` (a title's
   * first words, a glued run of names).
   */
  nameAt(text: string, at = 0, fits: (name: string) => boolean = () => true): string | undefined {
    return this.longestFirst.find((name) => text.startsWith(name, at) && fits(name));
  }

  /** The body whose 文号 begin with this 机关代字, the longest code first (国办发 before 国发). */
  bodyByDocCode(code: string): Body | undefined {
    for (let end = code.length; end > 0; end--) {
      const body = this.docCodes.get(code.slice(0, end));
      if (body) return body;
    }
    return undefined;
  }

  private bodies: { names: string[] }[] | undefined;

  /** Every body with all the names it goes by: what the verifier needs to check the names in a text. */
  knownBodies(): { names: string[] }[] {
    this.bodies ??= [...new Set<NamedBody>(this.names.values())].map((b) => ({ names: [b.name, ...(b.shortName ? [b.shortName] : []), ...b.aliases].sort((x, y) => y.length - x.length) }));
    return this.bodies;
  }

  /** Whether a name is a site's or a medium's the registry knows (新华网, 澎湃新闻, 央视新闻): a news source a text may cite. */
  isSiteName(name: string): boolean {
    this.siteNames ??= new Set(Object.values(this.sites));
    return this.siteNames.has(name) || this.media.has(name);
  }

  /** Every name of the register's medium `name` (its canonical name): 大公报, 大公网. Empty for another name. */
  mediumNames(name: string): string[] {
    return [...this.media].filter(([, canonical]) => canonical === name).map(([alias]) => alias);
  }

  /**
   * The one name the brief prints for a body or a medium: a body's full name (发改委 → 国家发展和改革委员会), a
   * medium's for its sites, apps and columns (央视网, 央视新闻 → 中央广播电视总台), else the name as given.
   */
  canonicalName(name: string): string {
    return this.byName(name)?.name ?? this.media.get(name) ?? name;
  }

  private siteNames: Set<string> | undefined;

  /** How running text names a body: its short name when it has one (the registry's, or a local congress's 人大常委会). */
  shortName(name: string): string {
    const body = this.byName(name);
    // A local people's congress standing committee goes by 人大常委会 (深圳市人大常委会), as the press writes it.
    return body ? (body.shortName ?? body.name) : name.replace(/(.{2,}[省市区县])人民代表大会常务委员会$/, '$1人大常委会');
  }

  /**
   * The tier of an issuing body: the catalog's or the registry's when either lists it or the body whose
   * general office it is (国家金融监督管理总局办公厅 is a regulator's), else by the form of its name
   * (国家…局 national, …省… provincial, …市… municipal, …县/区… county); null when nothing tells.
   */
  tierOf(name: string): NamedBody['tier'] | null {
    // A body's office, its departments (国家数据局综合司), its Party committee or group (国务院国资委党委, day-az), and the committees, centres and
    // institutes set up under it (国务院国资委研究中心, day-az; 教育部基础教育教学指导委员会, day-bj) are of its tier.
    const parent = /(?:办公厅|办公室|党委|党组|委员会|中心|研究院|研究所)$/.test(name) ? this.nameAt(name, 0, (known) => known.length < name.length) : undefined;
    return this.byName(name)?.tier ?? (parent ? this.byName(parent)?.tier : undefined) ?? this.byName(bodyOfDepartment(name))?.tier ?? tierByForm(name);
  }

  /**
   * The name of the site a document was found on: the catalog source's name; for a site no catalog lists,
   * the name its page gives itself (simplified, without glosses: 中時新聞網 is printed 中时新闻网), else the
   * registry's name for its domain, else the registrable domain. Never an internal id.
   */
  siteName(doc: { sourceId: string; url: string; siteName?: string | null }): string {
    return this.get(doc.sourceId)?.name ?? (doc.siteName ? normaliseText(doc.siteName) : null) ?? siteNameOf(doc.url, this.sites);
  }
}

/**
 * Whether a site is the portal of the government the issuer belongs to (连云港市人民政府 for 连云港市数据局,
 * 连云港市人民政府办公室): its copy is the issuer's own publication, not a repost.
 */
export function isOwnGovernment(site: string, issuer: string): boolean {
  const portal = /^(.+?)人民政府$/.exec(site);
  return portal !== null && site !== issuer && leadingDivisions(issuer).at(-1)?.matched === portal[1];
}

export interface OriginMember {
  id: number;
  /** Its address: the tie-break between copies published at the same time (then the id, for a member without one). */
  url?: string;
  /** The name of the site that carried this copy (SourceDirectory.siteName). */
  site: string;
  repostOf: string | null;
  /** The body the document names as its issuer in its own text (title, 文号, signature, lead), when it does. */
  issuer?: string | null;
  /** Where the issuer was read: the title, 文号 and signature are the document's own word; a lead is a reporter's. */
  issuerHow?: IssuerReading['how'] | null;
  publishedAt: string;
  /** Whether the copy reads as published once normalised: not traditional, glossed or full-width. */
  clean?: boolean;
  /** Whether the copy is the document itself (its own title), not a headline about it. */
  primary?: boolean;
}

export interface StoryOrigin {
  /** The issuing body's name, as the documents give it. */
  origin: string;
  /**
   * The document that stands for the story, whose words the brief quotes: the origin's own page when
   * crawled, else the earliest copy of the document itself (in simplified characters first, else
   * traditional or glossed), else the earliest copy in simplified characters, else the earliest copy.
   */
  representativeId: number;
  /** The sites that republished it, by name, in order of publication. */
  reposters: string[];
}

/**
 * The origin of a story is the body its copies name as their issuer (in their text) or source (来源),
 * the one most copies name; when the origin's own page is among the copies it represents the story, and
 * every other site is a reposter.
 */
export function resolveOrigin(members: readonly OriginMember[], directory: SourceDirectory): StoryOrigin {
  const byTime = [...members].sort((a, b) => new Date(a.publishedAt).getTime() - new Date(b.publishedAt).getTime() || compareUrls(a.url ?? '', b.url ?? '') || a.id - b.id);
  const claims = new Map<string, number>();
  const isBody = (name: string) => directory.tierOf(name) !== null;
  const named = byTime.flatMap((m) => (m.issuer && m.issuerHow !== 'place' && isBody(directory.canonicalName(m.issuer)) ? [directory.canonicalName(m.issuer)] : []));
  const bodyNamed = named.length > 0;
  for (const member of byTime) {
    const canonical = directory.canonicalName(member.issuer ?? member.repostOf ?? member.site);
    // A copy that names its issuer in its own words outweighs a reporter's lead, which outweighs a site.
    // A title's place is a guess at the body, as weak as the site.
    // A medium a copy credits (a wire's dateline, a column) is who told it: where another copy names a body, each
    // such copy weighs as a site (day-p's two 热解读 copies of the 中央经济工作会议 with its report).
    const medium = bodyNamed && Boolean(member.issuer) && !isBody(canonical);
    // So does a press office that hosted a briefing where another copy names the body that presented there, not the
    // office's own government (day-ap: 国新办 in two reports, 工业和信息化部 in the one that names its presenter).
    const host = pressOffice.test(canonical) && named.some((name) => !pressOffice.test(name) && !canonical.startsWith(name));
    const weight = medium || host || !member.issuer || member.issuerHow === 'place' ? 1 : member.issuerHow === 'lead' || member.issuerHow === 'source' || member.issuerHow === 'official' ? 2 : 3;
    claims.set(canonical, (claims.get(canonical) ?? 0) + weight);
  }
  // One body's department that signs (国家数据局综合司) and the body as reports name it (国家数据局) are one claim, for
  // the name the document signs with (days u, z, by: the 综合司's notices reported as the bureau's).
  for (const [name, count] of claims) {
    const body = bodyOfDepartment(name);
    if (body === name || !claims.has(body)) continue;
    claims.set(name, count + claims.get(body)!);
    claims.delete(body);
  }
  let origin = byTime[0]!.site;
  let most = 0;
  // On a tie, a body wins over a medium or a site, the presenter over a press office of another government, and the
  // more specific of two names of one body's family wins: 山东省人民政府新闻办公室 over 山东省人民政府.
  const presenter = (name: string) => isBody(name) && pressOffice.test(origin) && !pressOffice.test(name) && !origin.startsWith(name);
  for (const [name, count] of claims) {
    if (count > most || (count === most && ((isBody(name) && !isBody(origin)) || presenter(name) || (name.startsWith(origin) && name !== origin)))) [origin, most] = [name, count];
  }
  const own = byTime.find((m) => (m.repostOf === null || m.repostOf === origin) && (m.site === origin || isOwnGovernment(m.site, origin)));
  // The document's own text nearest the issuer, in simplified characters where a copy has them.
  const representative = own ?? byTime.find((m) => m.primary && m.clean !== false) ?? byTime.find((m) => m.primary) ?? byTime.find((m) => m.clean !== false) ?? byTime[0]!;
  const reposters = [...new Set(byTime.map((m) => m.site).filter((name) => name !== origin && !isOwnGovernment(name, origin)))];
  return { origin, representativeId: representative.id, reposters };
}

import { z } from 'zod';
import { publishSchema } from './publish.ts';
import { sourceTiers } from '../domain/tier.ts';

/** A value of a form field: a list repeats the field (needFields[]=a&needFields[]=b). */
const formValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);
/**
 * Where an entry point's address is shown in public, so that no address rests on memory: the URL of a
 * public page or file, an RSSHub route (`RSSHub lib/routes/gov/…`), a public crawler's file (`public code
 * file #N`). One string or a list; read as a list. Two prefixes carry the verdict for the catalog's
 * summary (docs/catalog.md): an item starting `likely:` says why the address is only likely (articles
 * sit under it, but no public source shows the list page itself), and `caveat:` a known weakness of a
 * confirmed address (a list filled by script, an anti-bot wall).
 */
export const evidenceSchema = z
  .union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)])
  .transform((evidence) => (typeof evidence === 'string' ? [evidence] : evidence));

/** The `evidence` key every kind of entry point carries: spread it into a new kind's object. */
export const entryEvidence = { evidence: evidenceSchema.optional() };

const entryPoint = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('list'),
    url: z.url(),
    /** CSS selector of article links; found automatically when absent. */
    linkSelector: z.string().optional(),
    /**
     * How many pages of the list to read, following its 下一页 link (or `nextSelector`). A page that turns
     * out to be a Hanweb column or a JPaaS build-unit shell is read as `hanweb` or `buildunit` with these pages.
     */
    maxPages: z.number().int().min(1).max(50).default(1),
    nextSelector: z.string().optional(),
    ...entryEvidence,
  }).strict(),
  z.object({ type: z.literal('rss'), url: z.url(), ...entryEvidence }).strict(),
  z.object({
    type: z.literal('api'),
    url: z.url(),
    /** Dot path to the array of items in the JSON response, e.g. data.list; absent or "." when the answer is the array itself (gov.cn's ZUIXINZHENGCE.json). */
    items: z.string().min(1).optional(),
    /**
     * Dot paths, within one item, of its address, title and date. The address may instead be a template
     * naming item fields in braces, for lists that give only an id: /cn/view/pages/ItemDetail.html?docId={docId} (NFRA).
     */
    fields: z.object({ url: z.string().min(1), title: z.string().min(1), date: z.string().min(1).optional() }).strict(),
    /** GET unless said; a POST sends `body`. */
    method: z.enum(['GET', 'POST']).default('GET'),
    /** The body of a POST: text sent as it is, or fields sent as a form (`bodyType: form`) or as a JSON object (`bodyType: json`). */
    body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    bodyType: z.enum(['form', 'json']).default('form'),
    /** The page the list belongs to, sent as Referer, for APIs that answer only their own pages (BSE). */
    referer: z.url().optional(),
    ...entryEvidence,
  }).strict()
    .refine((api) => api.body === undefined || api.method === 'POST', { message: 'body needs method: POST', path: ['body'] })
    .refine((api) => typeof api.body !== 'object' || api.bodyType === 'json' || Object.values(api.body).every((v) => formValue.safeParse(v).success), {
      message: 'a form body holds text, numbers, true/false or lists of them (bodyType: json for nested values)',
      path: ['body'],
    }),
  z.object({
    type: z.literal('hanweb'),
    /** A Hanweb (大汉) column page, /col/colNNN/index.html, whose records sit in a <script type="text/xml"> datastore. */
    url: z.url(),
    /** Requests of the list: the column page with its first records, then a dataproxy.jsp POST for each further group. */
    maxPages: z.number().int().min(1).max(50).default(2),
    ...entryEvidence,
  }).strict(),
  z.object({
    type: z.literal('buildunit'),
    /** A JPaaS list page (MIIT, SAMR) whose <script parseType="buildstatic"> names the build-unit API that holds its list. */
    url: z.url(),
    ...entryEvidence,
  }).strict(),
]);

export const sourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  /** How the brief names the body in running text (上交所 for 上海证券交易所). */
  shortName: z.string().min(1).optional(),
  /** Other names the body signs with (来源 lines, reposts), so its documents are recognised. */
  aliases: z.array(z.string().min(1)).default([]),
  tier: z.enum(sourceTiers),
  region: z.string().min(1),
  homepage: z.url(),
  entries: z.array(entryPoint).min(1),
  /** Public evidence that holds for the whole source (its host, its name); an entry's own comes first. */
  evidence: evidenceSchema.optional(),
  /**
   * Why the source is not crawled: it stays in the catalog (its names still identify the body's
   * documents), `xinzhi sources` shows it with this reason, and runs and checks pass it by.
   */
  disabled: z
    .string({ error: 'disabled takes a reason (a sentence saying why the source is not crawled), not true/false' })
    .trim()
    .min(1, 'disabled takes a reason, and the reason is empty')
    .optional(),
  /** Set by an online check only: `xinzhi sources check --update`, or the desk adding a source whose preview (the same check) passed. */
  verified: z.boolean().default(false),
  /** Lets a source on a private address be fetched; only the tests' loopback sites need it. */
  allowPrivate: z.boolean().default(false),
  /** `ignore` only where the operator has the site's permission: robots.txt is honoured otherwise. */
  robots: z.enum(['obey', 'ignore']).default('obey'),
  /** Overrides crawl.hostDelayMs for this source's host. */
  hostDelayMs: z.number().int().min(0).optional(),
  /**
   * How its list pages are read: `http` (the default, also when absent), the page as served; `browser`, the page as headless Chromium shows it
   * after its scripts ran, for sites that draw their list by script or check for a browser first. Every
   * request of the page still goes through the crawler's own fetch (robots.txt, spacing, private-address
   * refusal, archive); articles are fetched over plain HTTP either way. Optional rather than defaulted, so a
   * Source written in code (tests) need not name it.
   */
  fetch: z.enum(['http', 'browser']).optional(),
}).strict();
export type Source = z.infer<typeof sourceSchema>;
export type EntryPoint = Source['entries'][number];

export const sourceFileSchema = z.array(sourceSchema).min(1);

export const themeSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  keywords: z.array(z.string().min(1)).min(1),
  /** Other names of the theme itself (AI+ for 人工智能+): found in a text, they count as keywords. */
  aliases: z.array(z.string().min(1)).default([]),
  /** Everyday words of the theme (无人机, 人工智能): they count, but alone they need the taxonomy's context words. */
  broad: z.array(z.string().min(1)).default([]),
  weight: z.number().positive().default(1),
}).strict();
export type Theme = z.infer<typeof themeSchema>;

export const themesFileSchema = z.object({
  /** Words that mark a document as the brief's topic even without a theme keyword. */
  topic: z.string().min(1),
  /** Words the segmenter keeps whole besides the themes' keywords (新质生产力, 词元, 算力券 …). */
  dictionary: z.array(z.string().min(1)).default([]),
  /** Words of policy and industry (产业, 政策, 推动 …): what a document found by everyday words alone must also speak of. */
  context: z.array(z.string().min(1)).default([]),
  /**
   * Words that mark a title as another genre of official news that shares the topic's words: a fraud
   * warning (诈骗), a ban (禁飞), a show (灯光秀), a drill (演练), a school event (科技节). Such a
   * document's relevance counts a quarter.
   */
  distractors: z.array(z.string().min(1)).default([]),
  /**
   * Words that mark another genre where the title or the first sentence has them, counted a quarter like
   * `distractors`: a ministry's regular press conference on diplomacy (外交部发言人毛宁当天主持例行记者会，有记者问及…).
   */
  distractorLeads: z.array(z.string().min(1)).default([]),
  /**
   * Bodies whose policy documents (意见, 方案, 规划, 条例, 决定, 指引) are the topic's whatever their words, and the
   * relevance that adds to a story they issued: the Party Centre's opinions and decisions frame every policy
   * field. Their news, drafts and interpretations count by their words alone, their meetings only as `meetings`
   * says. Names as the registry (bodies.yaml) writes them.
   */
  issuerScope: z
    .object({
      names: z.array(z.string().min(1)).min(1),
      points: z.number().positive(),
      /**
       * Meetings that set the economy's course, counted like those documents: held by one of `names` (中共中央政治局),
       * with one of `titles` in the headline (经济, 财经委, 崛起 of a region's development symposium). Their reports
       * seldom use the topic's words, and the real days' editors ran them (docs/quality.md, days cd and ce).
       */
      meetings: z.object({ names: z.array(z.string().min(1)).min(1), titles: z.array(z.string().min(1)).min(1) }).strict().optional(),
    })
    .strict()
    .optional(),
  themes: z.array(themeSchema).min(1),
}).strict();
export type Taxonomy = z.infer<typeof themesFileSchema>;

/** An issuing body of the registry (config/bodies.yaml): who signs the documents, under every name. */
export const bodySchema = z.object({
  name: z.string().min(1),
  /** How the brief names it in running text (国家发展改革委 for 国家发展和改革委员会). */
  shortName: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  tier: z.enum(sourceTiers).exclude(['media']),
  /** The 机关代字 its 文号 begin with: 国发 in 国发〔2025〕11号. */
  docCodes: z.array(z.string().min(1)).default([]),
}).strict();
export type Body = z.infer<typeof bodySchema>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * An official of the register (config/bodies.yaml `officials`): a head a report may quote by name alone
 * (潘功胜说…, 吴清：…), the body the post belongs to, and the days of office (Shanghai days, inclusive;
 * open at either end when not given): a name is read only in a text of those days.
 */
export const officialSchema = z.object({
  name: z.string().min(2),
  /** The body of the post, by a name the registry knows (中国人民银行). */
  body: z.string().min(1),
  /** The post as the press writes it (行长, 主席, 部长): for `xinzhi explain`. */
  post: z.string().min(1),
  from: isoDay.optional(),
  until: isoDay.optional(),
}).strict();
export type Official = z.infer<typeof officialSchema>;

/** A news organisation of the registry (config/bodies.yaml `media`) under every name its sites, apps and columns go by. */
export const mediumSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
}).strict();

export const bodiesFileSchema = z.object({
  bodies: z.array(bodySchema).default([]),
  /** Provincial-level governments: each yields <place>人民政府 (docCode <code>) and its 办公厅 (<code>办). */
  provinces: z.array(z.object({ place: z.string().min(2), code: z.string().min(1) }).strict()).default([]),
  /** Names of sites by registrable domain (163.com: 网易): how a reposter no catalog lists is named. */
  sites: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** News organisations by every name they go by (中央广播电视总台: 央视网, 央视新闻): one name in the brief for each. */
  media: z.array(mediumSchema).default([]),
  officials: z.array(officialSchema).default([]),
}).strict().superRefine((file, ctx) => {
  // An official's body must be one the registry lists, or the issuer read from his words would have no tier.
  const known = new Set([...file.bodies.flatMap((b) => [b.name, ...(b.shortName ? [b.shortName] : []), ...b.aliases]), ...file.provinces.map((p) => `${p.place}人民政府`)]);
  file.officials.forEach((official, index) => {
    if (!known.has(official.body)) ctx.addIssue({ code: 'custom', path: ['officials', index, 'body'], message: `${official.body} is no body of the registry` });
    if (official.from && official.until && official.until < official.from) ctx.addIssue({ code: 'custom', path: ['officials', index, 'until'], message: 'until is before from' });
  });
});
export type BodiesFile = z.infer<typeof bodiesFileSchema>;

// --- Editions (render.formats, render.docx, render.wechat) ---

/** The files `render.formats` can name: brief.json, .md, .html, .pdf, .docx and .wechat.html. */
export const renderFormats = ['json', 'md', 'html', 'pdf', 'docx', 'wechat'] as const;

/**
 * The fonts the Word edition's styles name, as Word and WPS know them: a name, not a file (the reader's
 * machine supplies the font). East-Asian text takes bodyFont or headingFont, Latin letters and digits latinFont.
 */
export const docxFontsSchema = z.object({
  bodyFont: z.string().trim().min(1).default('宋体'),
  headingFont: z.string().trim().min(1).default('黑体'),
  latinFont: z.string().trim().min(1).default('Times New Roman'),
}).strict();

/** A colour as #rrggbb: the only form a colour takes into an inline style, so the config cannot add CSS. */
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, '#rrggbb');

/**
 * The WeChat edition. The 公众号 editor keeps no local file and no data: address, so the QR code is an
 * https address (one the account's own material library gives, say) or none.
 */
export const wechatSchema = z.object({
  qrImageUrl: z.url({ protocol: /^https$/ }).nullable().default(null),
  /** Headings, rules and the masthead. */
  accent: hexColour.default('#9b1c1c'),
  /** Running text. */
  text: hexColour.default('#333333'),
  /** The date line, references and footer. */
  muted: hexColour.default('#888888'),
}).strict();

// --- PDF theme and archive site (render.pdf, site) ---

/**
 * A font's family name as the system knows it (Noto Serif CJK SC, 思源宋体): letters, digits, spaces and
 * - . _ & +. A name, never a file and never markup: the PDF template receives it as a value.
 */
export const fontFamilySchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._&+-]{0,63}$/u, 'a font family name (letters, digits, spaces and - . _ & +), such as Noto Serif CJK SC');

/** The paper sizes the PDF edition can be set on, by Typst's names. */
export const pdfPapers = ['a4', 'a5', 'iso-b5', 'us-letter'] as const;

/**
 * How the PDF looks, restyled from the config without touching the template: every value reaches
 * Typst as data (a colour string, family names, a paper name), never as code. The logo is read like
 * the QR image: a PNG, JPEG or SVG in the config file's folder or render.assetsDir.
 */
export const pdfThemeSchema = z.object({
  /** The masthead's title and rules, the abstract's tint, reference links: #rrggbb. */
  accent: hexColour.default('#9b1c1c'),
  /** Running text's family; absent, Noto Serif CJK SC (or the first CJK family Typst finds). */
  bodyFont: fontFamilySchema.optional(),
  /** The masthead's, headings' and running header's family; absent, Noto Sans CJK SC. */
  headingFont: fontFamilySchema.optional(),
  /** An image above the masthead, relative to the config file; null for none. */
  logo: z.string().min(1).nullable().default(null),
  paper: z.enum(pdfPapers).default('a4'),
}).strict();

/**
 * The archive site out/ is (index.html, feed.xml). `baseUrl` is where out/ is served: Atom needs
 * absolute links, so without it no feed.xml is written. `slug` names the brief in its feed's ids
 * (urn:xinzhi:<slug>:<date>); by default it is derived from brief.title, so set it before renaming a
 * brief whose feed has readers.
 */
export const siteSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'an http(s) address, such as https://brief.example.org/' }).optional(),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes').optional(),
}).strict();

/** The cap on one response's body, as received and once decoded, unless crawl.maxBytes says (20 MiB). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Where the model writer's API key is read from when `writer.llm.apiKeyEnv` does not say. */
export const DEFAULT_LLM_KEY_ENV = 'XINZHI_LLM_API_KEY';

export const configSchema = z.object({
  lang: z.enum(['zh', 'en']).default('zh'),
  brief: z.object({
    title: z.string().min(1),
    /** The topic in running text, as in 今日<topic>线索… */
    topicName: z.string().min(1),
    publisher: z.string().min(1),
    producers: z.string().default(''),
    footer: z.object({
      account: z.string().default(''),
      /**
       * The account's QR code: a PNG, JPEG or SVG in the config file's folder (or render.assetsDir),
       * relative to the config file. The one image an edition prints; a brief.json cannot name another.
       */
      qrImage: z.string().nullable().default(null),
      platform: z.string().default(''),
      disclaimer: z.string().default(''),
    }).strict(),
  }).strict(),
  /** The archive site: where out/ is served, the feed's name (siteSchema). */
  site: siteSchema.prefault({}),
  /** Paths relative to the config file. */
  themes: z.string().default('themes.yaml'),
  sources: z.string().default('sources'),
  /** The registry of issuing bodies; without the key, the one bundled with xinzhi (config/bodies.yaml). */
  bodies: z.string().optional(),
  selection: z.object({
    minItems: z.number().int().min(1).default(3),
    maxItems: z.number().int().min(1).default(7),
    /** Documents below this relevance score are never picked. */
    minRelevance: z.number().min(0).default(4),
    /** The issue covers this many Shanghai calendar days before its date: 1 for a daily, 7 for a weekly. */
    windowDays: z.number().int().min(1).max(31).default(1),
  }).strict().prefault({}),
  crawl: z.object({
    userAgent: z.string().min(1).default('xinzhi/0.1 (policy brief crawler)'),
    timeoutMs: z.number().int().positive().default(20000),
    /**
     * Time one request may take as a whole, headers and body, in ms: a server that trickles its answer a
     * byte at a time never trips timeoutMs (an idle timeout), and is cut here (issue 15, docs/security.md).
     */
    requestDeadlineMs: z.number().int().positive().default(60_000),
    maxBytes: z.number().int().positive().default(DEFAULT_MAX_BYTES),
    maxArticlesPerSource: z.number().int().positive().default(50),
    /** Minimum time from the start, and from the end, of one request to a host to the start of the next. */
    hostDelayMs: z.number().int().min(0).default(1000),
    /** Requests in flight to one host at once. */
    hostConcurrency: z.number().int().min(1).max(2).default(1),
    /** Requests in flight in all. */
    concurrency: z.number().int().min(1).max(1000).default(32),
    /** Retries of a request that failed on the network, timed out, or got 429 or 5xx. */
    retries: z.number().int().min(0).max(10).default(3),
    retryBaseMs: z.number().int().min(1).default(1000),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    /** Consecutive failures that open a host's circuit, and how long it stays open. */
    breakerThreshold: z.number().int().min(1).default(5),
    breakerCooldownMs: z.number().int().min(0).default(10 * 60 * 1000),
    /** Links listed more than this many days before the issue's window are not fetched. */
    listedWithinDays: z.number().int().min(0).default(3),
    /** A source that yields no links for this many runs in a row is named in the run summary. */
    emptyRunsAlert: z.number().int().min(1).default(3),
  }).strict().prefault({}),
  /** Who writes the sections: the offline extractive writer, or a model behind an OpenAI-compatible API. */
  writer: z.object({
    kind: z.enum(['extractive', 'llm']).default('extractive'),
    llm: z.object({
      /** The API's base, up to /v1: https://api.deepseek.com/v1, http://127.0.0.1:11434/v1 (Ollama) … */
      baseUrl: z.url(),
      model: z.string().min(1),
      /** The environment variable holding the API key; a local server may need none. The key itself is never in the config. */
      apiKeyEnv: z.string().min(1).default(DEFAULT_LLM_KEY_ENV),
      timeoutMs: z.number().int().positive().default(60_000),
      retries: z.number().int().min(0).max(10).default(3),
      retryBaseMs: z.number().int().min(1).default(1000),
      temperature: z.number().min(0).max(2).default(0.3),
      /** The source text given to the model is cut at this many characters. */
      maxSourceChars: z.number().int().positive().default(4000),
      /** 词元计价: the provider's price per million input and output tokens, for the cost in brief.json. */
      prices: z.object({
        inputPerMillion: z.number().min(0).default(0),
        outputPerMillion: z.number().min(0).default(0),
        currency: z.string().min(1).default('CNY'),
      }).strict().prefault({}),
    }).strict().optional(),
  }).strict().prefault({}).refine((writer) => writer.kind !== 'llm' || writer.llm !== undefined, { message: 'writer.kind llm needs writer.llm (baseUrl, model)', path: ['llm'] }),
  /** When `xinzhi schedule` runs the day's job (see src/schedule/plan.ts). */
  schedule: z.object({
    /** A cron expression, five fields (minute hour day month weekday) or six with seconds first. */
    cron: z.string().min(1).default('30 6 * * *'),
    /** The IANA zone the expression is read in; the issue is still named by its Shanghai day. */
    timezone: z.string().min(1).default('Asia/Shanghai'),
    /** A failed run is retried once, this many minutes later, if that is before the next trigger. */
    retryAfterMinutes: z.number().int().min(1).default(60),
    /** Run the most recent trigger's issue on start when it was missed (the machine was off). */
    catchUp: z.boolean().default(true),
  }).strict().prefault({}),
  render: z.object({
    formats: z.array(z.enum(renderFormats)).default([...renderFormats]),
    /**
     * Folders searched for CJK fonts for the PDF, relative to the config file: inside its folder,
     * render.assetsDir or the system's font folders (/usr/share/fonts …).
     */
    fontPaths: z.array(z.string()).default(['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype', '/usr/share/fonts']),
    /** The PDF edition's look (pdfThemeSchema). */
    pdf: z.object({ theme: pdfThemeSchema.prefault({}) }).strict().prefault({}),
    /**
     * A folder, relative to the config file, that images and fonts may also come from (a shared
     * assets folder); by default they come only from the config file's own folder.
     */
    assetsDir: z.string().min(1).optional(),
    /** The Word edition (brief.docx): the fonts its styles name (docxFontsSchema). */
    docx: docxFontsSchema.prefault({}),
    /** The WeChat edition (brief.wechat.html): its colours and the QR image's address (wechatSchema). */
    wechat: wechatSchema.prefault({}),
  }).strict().prefault({}),
  /** Where `xinzhi publish` sends an issue (src/config/publish.ts); absent: nowhere. */
  publish: publishSchema.optional(),
  /** The editor's desk (`xinzhi serve`, src/serve/). */
  serve: z.object({
    /** The address it listens on: loopback unless an operator opens it (behind a TLS proxy). */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(4180),
    /** A signed-in session ends this many hours after its last request. */
    sessionHours: z.number().positive().max(24 * 30).default(12),
    /** Cookies only over HTTPS (Secure): true when the desk is served behind a TLS proxy. */
    secureCookies: z.boolean().default(false),
  }).strict().prefault({}),
  /**
   * Where the archive is kept (src/store/open.ts): `sqlite` (the default: one file in the data folder) or
   * a PostgreSQL address, postgres://user@host:5432/database[?schema=name] (issue 18). The environment
   * variable XINZHI_STORE overrides it.
   */
  store: z.string().regex(/^(sqlite|postgres(ql)?:\/\/\S+)$/i, 'sqlite, or a postgres:// address').optional(),
  /**
   * The job queue (`xinzhi worker`, `xinzhi jobs`; src/queue/, docs/scale.md): BullMQ on Redis, shared by
   * every worker on every machine, with the per-host politeness lease in the same Redis. Optional: without
   * the key the defaults below hold. The environment variable XINZHI_REDIS overrides `redis`.
   * - `redis`: the server's address, redis://[user:password@]host:port[/db] (rediss:// for TLS).
   * - `prefix`: the namespace of every key the queue and the leases keep (letters, digits, `.`, `_`, `-`),
   *   so that several briefs, or tests, share one Redis.
   * - `attempts`: tries of a job, the first included, before it is dead-lettered (`xinzhi jobs failed`);
   *   default crawl.retries + 1. A page job's fetch is not retried inside the attempt: the queue retries it.
   * - `backoffMs`: the first retry after this many ms, doubling after each failure; default crawl.retryBaseMs.
   * - `lockMs`: a job's lock, renewed every half of it while its worker lives; a killed worker's jobs are
   *   handed out again within about 1.5 × lockMs (the stalled check runs every half of it).
   * - `keepCompletedSeconds`: completed jobs are kept this long (the documents and the issue are the record);
   *   failed jobs are kept until retried or removed: they are the dead-letter list.
   */
  queue: z.object({
    redis: z.string().regex(/^rediss?:\/\/\S+$/i, 'a redis:// address, such as redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
    prefix: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dots, underscores and dashes').default('xinzhi'),
    attempts: z.number().int().min(1).max(20).optional(),
    backoffMs: z.number().int().min(1).optional(),
    lockMs: z.number().int().min(1000).default(30_000),
    keepCompletedSeconds: z.number().int().min(0).default(600),
  }).strict().optional(),
}).strict();
export type Config = z.infer<typeof configSchema>;

import { z } from 'zod';

/** The tiers of issuing bodies, highest first: the order sections appear in a brief. */
export const sourceTiers = ['national', 'regulator', 'exchange', 'provincial', 'municipal', 'media'] as const;
export type SourceTier = (typeof sourceTiers)[number];

const entryPoint = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('list'),
    url: z.url(),
    /** CSS selector of article links; found automatically when absent. */
    linkSelector: z.string().optional(),
  }).strict(),
  z.object({ type: z.literal('rss'), url: z.url() }).strict(),
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
  verified: z.boolean().default(false),
  /** Lets a source on a private address be fetched; only the tests' loopback sites need it. */
  allowPrivate: z.boolean().default(false),
}).strict();
export type Source = z.infer<typeof sourceSchema>;
export type EntryPoint = Source['entries'][number];

export const sourceFileSchema = z.array(sourceSchema).min(1);

export const themeSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  keywords: z.array(z.string().min(1)).min(1),
  weight: z.number().positive().default(1),
}).strict();
export type Theme = z.infer<typeof themeSchema>;

export const themesFileSchema = z.object({
  /** Words that mark a document as the brief's topic even without a theme keyword. */
  topic: z.string().min(1),
  themes: z.array(themeSchema).min(1),
}).strict();
export type Taxonomy = z.infer<typeof themesFileSchema>;

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
      qrImage: z.string().nullable().default(null),
      platform: z.string().default(''),
      disclaimer: z.string().default(''),
    }).strict(),
  }).strict(),
  /** Paths relative to the config file. */
  themes: z.string().default('themes.yaml'),
  sources: z.string().default('sources'),
  selection: z.object({
    minItems: z.number().int().min(1).default(3),
    maxItems: z.number().int().min(1).default(7),
    /** Documents below this relevance score are never picked. */
    minRelevance: z.number().min(0).default(4),
  }).strict().prefault({}),
  crawl: z.object({
    userAgent: z.string().min(1).default('xinzhi/0.1 (policy brief crawler)'),
    timeoutMs: z.number().int().positive().default(20000),
    maxBytes: z.number().int().positive().default(20 * 1024 * 1024),
    maxArticlesPerSource: z.number().int().positive().default(50),
  }).strict().prefault({}),
  render: z.object({
    formats: z.array(z.enum(['json', 'md', 'html', 'pdf'])).default(['json', 'md', 'html', 'pdf']),
    /** Folders searched for CJK fonts for the PDF. */
    fontPaths: z.array(z.string()).default(['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype', '/usr/share/fonts']),
  }).strict().prefault({}),
}).strict();
export type Config = z.infer<typeof configSchema>;

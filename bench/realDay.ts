/**
 * The real development days (test/fixtures/real-days): labelled stories of real public texts, and the
 * pages a crawl would meet them as — each text in a plain government-style page of its own host, whose
 * 来源 is that host. See the fixture's README for the fields.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { defaultConfigPath } from '../src/config/load.ts';
import { sourceTiers } from '../src/domain/tier.ts';
import type { FetchedResponse } from '../src/domain/response.ts';
import { escapeHtml } from '../src/util/escape.ts';

export const realDaysDir = fileURLToPath(new URL('../test/fixtures/real-days/', import.meta.url));

const realDocSchema = z.object({
  url: z.url(),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  role: z.enum(['original', 'repost']),
  words: z.enum(['verbatim', 'own']),
  site: z.string().optional(),
  title: z.string().min(1),
  body: z.string().min(1),
}).strict();

const realStorySchema = z.object({
  id: z.string().min(1),
  relevant: z.boolean(),
  pick: z.boolean().default(false),
  reason: z.string().optional(),
  issuer: z.string().min(1),
  tier: z.enum(sourceTiers),
  kind: z.enum(['document', 'interpretation', 'meeting', 'draft', 'news']),
  docs: z.array(realDocSchema).min(1),
}).strict().refine((story) => !story.pick || Boolean(story.reason), 'a pick needs a reason');

export type RealStory = z.infer<typeof realStorySchema>;
export type RealDoc = z.infer<typeof realDocSchema>;

export interface RealDay {
  name: string;
  /** The Shanghai day every text is served on; the issue is the next day. */
  date: string;
  stories: RealStory[];
  /** The story of each document, by its URL. */
  storyOfUrl: Map<string, RealStory>;
}

/** The real days, by folder name, in order. */
export function realDayNames(): string[] {
  return readdirSync(realDaysDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export function loadRealDay(name: string): RealDay {
  const dir = join(realDaysDir, name);
  const { date } = z.object({ date: z.iso.date() }).loose().parse(parse(readFileSync(join(dir, 'day.yaml'), 'utf8')));
  const parsed = z.array(realStorySchema).safeParse(parse(readFileSync(join(dir, 'stories.yaml'), 'utf8')));
  if (!parsed.success) throw new Error(`${name}/stories.yaml: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const storyOfUrl = new Map<string, RealStory>();
  for (const story of parsed.data) {
    for (const doc of story.docs) {
      if (storyOfUrl.has(doc.url)) throw new Error(`${name}: ${doc.url} is listed twice`);
      storyOfUrl.set(doc.url, story);
    }
  }
  return { name, date, stories: parsed.data, storyOfUrl };
}

/**
 * A text in a plain government-style page of its own host: navigation, the headline, an info line whose
 * 来源 is the host, the paragraphs, a footer. The page names no body: its issuer is in its text, if anywhere.
 */
export function wrapInPage(doc: RealDoc, date: string): string {
  const host = new URL(doc.url).host;
  const paragraphs = doc.body.trim().split('\n').map((p) => p.trim()).filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="article">
<h1>${escapeHtml(doc.title)}</h1>
<div class="info">发布时间：${date} ${doc.time}\u3000来源：${escapeHtml(host)}</div>
<div class="content">
${paragraphs}
</div>
</div>
<div class="footer"><p>网站地图 | 联系我们</p></div>
</body></html>`;
}

/** Every document of a day as the response that served it. */
export function dayResponses(day: RealDay): FetchedResponse[] {
  return day.stories.flatMap((story) =>
    story.docs.map((doc) => ({
      url: doc.url,
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: Buffer.from(wrapInPage(doc, day.date)),
      fetchedAt: `${day.date}T${doc.time}:00+08:00`,
    })),
  );
}

/**
 * A config that is the bundled one with a catalog of one placeholder source (no real host is in it), written
 * into `dir`; with EVAL_CATALOG set, the bundled config itself. eval:real and bench:search import the real days with it.
 */
export function evalConfig(dir: string): string {
  if (process.env.EVAL_CATALOG) return defaultConfigPath;
  const base = join(defaultConfigPath, '..');
  const config = parse(readFileSync(defaultConfigPath, 'utf8')) as Record<string, unknown>;
  mkdirSync(join(dir, 'sources'), { recursive: true });
  writeFileSync(join(dir, 'sources', 'none.yaml'), stringify([{ id: 'placeholder', name: '占位来源', tier: 'media', region: '全国', homepage: 'https://placeholder.invalid/', entries: [{ type: 'list', url: 'https://placeholder.invalid/list/' }] }]));
  const file = join(dir, 'xinzhi.yaml');
  writeFileSync(file, stringify({ ...config, themes: join(base, 'themes.yaml'), bodies: join(base, 'bodies.yaml'), sources: join(dir, 'sources') }));
  return file;
}

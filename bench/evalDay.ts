/**
 * The labelled evaluation day (test/fixtures/eval-day): stories as an editor reads them, expanded into the
 * documents a crawl would store. See the fixture's README for the fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js/cn2t';
import { parse } from 'yaml';
import { z } from 'zod';
import type { StoredDocument } from '../src/domain/document.ts';

/** The labelled days, by folder name: eval-day (the development day) and eval-day-2 (held out). */
export function evalDayDir(name = 'eval-day'): string {
  return fileURLToPath(new URL(`../test/fixtures/${name}/`, import.meta.url));
}

const docSchema = z.object({
  source: z.string().min(1),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  title: z.string().min(1),
  body: z.string().min(1).optional(),
  copyOf: z.number().int().min(0).optional(),
  lead: z.string().optional(),
  tail: z.string().optional(),
  keep: z.number().int().positive().optional(),
  replace: z.array(z.tuple([z.string(), z.string()])).optional(),
  traditional: z.boolean().optional(),
  repostOf: z.string().optional(),
  docNumber: z.string().optional(),
}).strict().refine((doc) => (doc.body === undefined) !== (doc.copyOf === undefined), 'a document has either body or copyOf');

const storySchema = z.object({
  id: z.string().min(1),
  relevant: z.boolean(),
  pick: z.boolean().default(false),
  docs: z.array(docSchema).min(1),
}).strict();

export type EvalStory = z.infer<typeof storySchema>;

export interface EvalDay {
  /** The Shanghai day the documents were published. */
  date: string;
  stories: EvalStory[];
  documents: StoredDocument[];
  /** The story each document belongs to, by document id. */
  storyOf: Map<number, EvalStory>;
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });

/** A repost's body: the original's paragraphs, cut, edited, with a lead or a tail added. */
function repostBody(original: string, doc: z.infer<typeof docSchema>): string {
  let paragraphs = original.trim().split('\n');
  if (doc.keep) paragraphs = paragraphs.slice(0, doc.keep);
  let body = paragraphs.join('\n');
  for (const [from, to] of doc.replace ?? []) body = body.split(from).join(to);
  body = [doc.lead, body, doc.tail].filter((part) => part !== undefined && part !== '').join('\n');
  return doc.traditional ? toTraditional(body) : body;
}

export function loadEvalDay(dir = evalDayDir()): EvalDay {
  const { date } = z.object({ date: z.iso.date() }).parse(parse(readFileSync(join(dir, 'day.yaml'), 'utf8')));
  const stories: EvalStory[] = [];
  for (const file of readdirSync(dir).filter((name) => /^stories-.*\.yaml$/.test(name)).sort()) {
    const parsed = z.array(storySchema).safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    stories.push(...parsed.data);
  }
  const documents: StoredDocument[] = [];
  const storyOf = new Map<number, EvalStory>();
  for (const story of stories) {
    const bodies: string[] = [];
    story.docs.forEach((doc, i) => {
      const original = doc.copyOf === undefined ? undefined : bodies[doc.copyOf];
      if (doc.copyOf !== undefined && original === undefined) throw new Error(`story ${story.id}: document ${i} copies ${doc.copyOf}, which does not come before it`);
      const body = original === undefined ? doc.body!.trim() : repostBody(original, doc);
      bodies.push(body);
      const id = documents.length + 1;
      documents.push({
        id,
        url: `https://${doc.source}.example.cn/${date}/${story.id}-${i}.html`,
        sourceId: doc.source,
        title: doc.traditional ? toTraditional(doc.title) : doc.title,
        publishedAt: `${date}T${doc.time}:00+08:00`,
        publisher: doc.repostOf ?? null,
        repostOf: doc.repostOf ?? null,
        docNumber: doc.docNumber ?? null,
        siteName: null,
        body,
        attachments: [],
      });
      storyOf.set(id, story);
    });
  }
  return { date, stories, documents, storyOf };
}

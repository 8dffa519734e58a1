/**
 * The extractive writer passes every check by construction: over every day the project has — the
 * labelled evaluation days and the real development days — the brief it writes has no failed check,
 * withholds nothing, and prints no site id or domain in its prose.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evalDayDir, loadEvalDay } from '../bench/evalDay.ts';
import { dayResponses, loadRealDay, realDayNames } from '../bench/realDay.ts';
import type { Brief } from '../src/domain/brief.ts';
import { loadConfig } from '../src/config/load.ts';
import { importArchives } from '../src/crawl/import.ts';
import { minArticleChars } from '../src/extract/article.ts';
import { warcResponseRecord } from '../src/crawl/warc.ts';
import { composeIssue } from '../src/pipeline/compose.ts';
import { openTestStore } from './storeFor.ts';
import { nextDay } from '../src/util/time.ts';
import { tempDir } from './helpers.ts';

const loaded = loadConfig();

/** Every text a reader sees. */
const prose = (brief: Brief) => [brief.abstract, ...brief.items.flatMap((i) => [i.headline, ...i.paragraphs]), ...brief.references.flatMap((r) => [r.publisher, r.reposter ?? '', r.usedFor])];

function assertClean(brief: Brief): void {
  assert.deepEqual(brief.checks.filter((c) => !c.ok), []);
  assert.equal(brief.withheld, undefined, JSON.stringify(brief.withheld));
  for (const text of prose(brief)) {
    assert.doesNotMatch(text, /web:|[a-z0-9-]+(?:\.[a-z0-9-]+)+\.(?:com|cn|net|org)\b/i, text);
    assert.doesNotMatch(text, /本系统|往期记录/, text);
  }
}

describe('the extractive writer passes its own checks on every day', () => {
  for (const name of ['eval-day', 'eval-day-2']) {
    it(`on the labelled day ${name}`, async () => {
      const day = loadEvalDay(evalDayDir(name));
      const store = await openTestStore(join(tempDir(), 'data'));
      try {
        const runId = await store.startRun(nextDay(day.date), 'test');
        for (const doc of day.documents) {
          const { id } = await store.saveResponse(runId, doc.sourceId, { url: doc.url, status: 200, headers: {}, body: Buffer.from(doc.body), fetchedAt: doc.publishedAt! });
          await store.saveDocument(doc.sourceId, doc.url, id, { kind: 'article', title: doc.title, publishedAt: doc.publishedAt, publisher: doc.publisher, repostOf: doc.repostOf, docNumber: doc.docNumber, siteName: null, paragraphs: doc.body.split('\n'), attachments: [] });
        }
        assertClean((await composeIssue(store, loaded, nextDay(day.date))).brief);
      } finally {
        await store.close();
      }
    });
  }

  for (const name of realDayNames()) {
    it(`on the real day ${name}, every host outside the catalog`, async () => {
      const day = loadRealDay(name);
      const dir = tempDir();
      const warc = join(dir, 'day.warc.gz');
      writeFileSync(warc, Buffer.concat(await Promise.all(dayResponses(day).map((r) => warcResponseRecord({ ...r, fetchedAt: new Date(r.fetchedAt).toISOString() })))));
      const store = await openTestStore(join(dir, 'data'));
      try {
        const report = await importArchives(warc, [], store, await store.startRun(nextDay(day.date), 'import'));
        // Every page is a document but one too short to be an article (day-bi's one-line preview on a 节点 page).
        const articles = day.stories.flatMap((s) => s.docs).filter((d) => d.body.split('\n').map((p) => p.trim()).join('').length >= minArticleChars);
        assert.equal(report.documents, articles.length);
        assertClean((await composeIssue(store, loaded, nextDay(day.date))).brief);
      } finally {
        await store.close();
      }
    });
  }
});

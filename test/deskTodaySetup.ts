// What the Today section's tests share: a config with a loopback webhook channel (or a model writer), the
// webhook's receiver on 127.0.0.1 checking the signature as a partner would, and a scraped page whose
// title carries markup that must never run.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Store } from '../src/store/store.ts';
import { repoRoot, tempDir } from './helpers.ts';

/**
 * The repository's config written to a temporary file with absolute paths to its themes, sources and
 * bodies, `writer` replaced when given, and `extra` YAML appended (a publish: section). Returns its path.
 */
export function configWith(extra: string, writer?: string): string {
  let text = readFileSync(join(repoRoot, 'config/xinzhi.yaml'), 'utf8')
    .replace(/^themes: .*$/m, `themes: ${join(repoRoot, 'config/themes.yaml')}`)
    .replace(/^sources: .*$/m, `sources: ${join(repoRoot, 'config/sources')}`)
    .replace(/^bodies: .*$/m, `bodies: ${join(repoRoot, 'config/bodies.yaml')}`);
  if (writer) text = text.replace(/^writer:\n {2}kind: extractive.*$/m, writer);
  const file = join(tempDir('xinzhi-desk-config-'), 'xinzhi.yaml');
  writeFileSync(file, `${text}\n${extra}\n`);
  return file;
}

/** A body the webhook received, with its headers, once its signature checked out. */
export interface Delivered {
  headers: IncomingHttpHeaders;
  body: { event: string; date: string; title: string; abstract: string; items: { n: number; headline: string }[]; link: string };
}

/**
 * The receiver of a `webhook` channel on 127.0.0.1: checks the HMAC of the raw body with the shared secret
 * (401 otherwise) and keeps what it received. Returns the config's publish: section, the environment the
 * desk reads the channel's address and secret from, and the bodies received. Closed when the test file ends.
 */
export async function startHook(): Promise<{ publish: string; env: Record<string, string>; received: Delivered[] }> {
  const secret = randomBytes(20).toString('hex');
  const token = randomBytes(8).toString('hex');
  const received: Delivered[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
      if (request.url !== `/hook/${token}` || request.headers['x-xinzhi-signature'] !== expected) {
        response.writeHead(401).end('bad signature');
        return;
      }
      received.push({ headers: request.headers, body: JSON.parse(raw) as Delivered['body'] });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;
  const publish = `publish:
  linkBase: https://brief.example.cn/issues/
  retries: 0
  timeoutMs: 5000
  channels:
    - { name: desk-hook, kind: webhook, urlEnv: XINZHI_TEST_DESK_HOOK_URL, secretEnv: XINZHI_TEST_DESK_HOOK_SECRET }`;
  return { publish, env: { XINZHI_TEST_DESK_HOOK_URL: `http://127.0.0.1:${port}/hook/${token}`, XINZHI_TEST_DESK_HOOK_SECRET: secret }, received };
}

/** The markup a hostile page puts in its title: run, it would set window.__xinzhiPwned. */
export const HOSTILE_MARKUP = '<script>window.__xinzhiPwned=1</script><img src=x onerror="window.__xinzhiPwned=2">';
/** The hostile page's title as scraped. */
export const HOSTILE_TITLE = `北京市经济和信息化局关于推进人工智能与数据要素融合发展的通知${HOSTILE_MARKUP}`;
/** Its address. */
export const HOSTILE_URL = 'https://jxj.beijing.gov.cn/zwgk/zcwj/bjszc/202606/t20260618_9999999.html';

/**
 * Stores a page of the sample day's window (6-18, Beijing) whose title carries HOSTILE_MARKUP and whose body
 * is about the topic (人工智能, 数据要素, 算力), so the day's analysis makes it a candidate above the
 * relevance threshold.
 */
export async function storeHostilePage(store: Store): Promise<void> {
  const runId = await store.startRun('2026-06-19', 'test');
  const { id } = await store.saveResponse(runId, 'bj-jxj', { url: HOSTILE_URL, status: 200, headers: {}, body: Buffer.from('<html></html>'), fetchedAt: '2026-06-18T08:00:00Z' });
  await store.saveDocument('bj-jxj', HOSTILE_URL, id, {
    kind: 'article',
    title: HOSTILE_TITLE,
    publishedAt: '2026-06-18T15:00:00+08:00',
    publisher: '北京市经济和信息化局',
    repostOf: null,
    docNumber: null,
    siteName: null,
    paragraphs: [
      '为加快推进人工智能与数据要素融合发展，培育新质生产力，制定本通知。',
      '一、加强算力供给。统筹全市智能算力资源，推动算力券发放，支持企业使用智能算力开展大模型训练。',
      '二、推动数据要素市场化配置。建设行业高质量数据集，推进公共数据资源开发利用，培育数据产业。',
      '三、支持人工智能应用场景建设，推动“人工智能+”行动在制造、医疗、交通等重点领域落地。',
    ],
    attachments: [],
  });
  await store.finishRun(runId, {});
}

import { pipeline } from 'node:stream';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { UserError } from '../util/errors.ts';

/**
 * The content codings the crawler asks for (RFC 9110 §12.5.3), sent as Accept-Encoding: what node:zlib
 * decodes. zstd is not asked for: Node 20's zlib has no zstd.
 */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

type Coding = 'gzip' | 'deflate' | 'br';

/** Names of the codings decoded, as servers write them; x-gzip is gzip (RFC 9110 §8.4.1.3). */
const codings: Record<string, Coding> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate', br: 'br' };

/**
 * The codings a Content-Encoding header says were applied, in the order they were applied (RFC 9110
 * §8.4: a list, the last applied last), `identity` left out. Read whether or not we asked for them: a
 * server may send a coding it was not asked for. Throws a UserError naming a coding xinzhi cannot decode
 * (zstd, compress) and the URL.
 */
export function contentCodings(header: string | undefined, url: string): Coding[] {
  const named = (header ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  return named.map((name) => {
    const coding = codings[name];
    if (!coding) throw new UserError(`不支持的内容编码 ${name}：${url}`, `unsupported content encoding ${name}: ${url}`);
    return coding;
  });
}

/**
 * Whether the first two bytes of a `deflate` body are a zlib header (RFC 1950 §2.2: method 8, the check
 * bits make the pair a multiple of 31). Some servers send raw deflate (RFC 1951) under that name, as
 * browsers tolerate; those are read raw.
 */
function isZlibHeader(head: Buffer): boolean {
  return head.length >= 2 && (head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0;
}

function decoderFor(coding: Coding, head: Buffer): Transform {
  if (coding === 'gzip') return createGunzip();
  if (coding === 'br') return createBrotliDecompress();
  return isZlibHeader(head) ? createInflate() : createInflateRaw();
}

/**
 * The bytes of `source` decoded from one coding, streamed: the decoder makes output only as fast as it is
 * read, so a caller that stops reading (past its size cap) stops the decoding, and a small body that would
 * expand to gigabytes never does. An empty body stays empty (a 304, a HEAD-like answer). A failure of the
 * source (the network) passes through as it is; a body that does not decode is a UserError naming the
 * coding and the URL.
 */
async function* decodeOne(source: AsyncIterable<Buffer>, coding: Coding, url: string): AsyncGenerator<Buffer> {
  const chunks = source[Symbol.asyncIterator]();
  // The first bytes choose zlib or raw deflate; a body that ends before two bytes is decoded as it is.
  let head = Buffer.alloc(0);
  let ended = false;
  while (head.length < 2 && !ended) {
    const next = await chunks.next();
    if (next.done) ended = true;
    else head = Buffer.concat([head, next.value]);
  }
  if (head.length === 0) return;
  // Errors of the source are told from the decoder's own by identity: the pipeline hands them on unchanged.
  let sourceFailure: unknown;
  const input = (async function* () {
    try {
      yield head;
      if (ended) return;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    } catch (err) {
      sourceFailure = err;
      throw err;
    } finally {
      await chunks.return?.();
    }
  })();
  const decoder = decoderFor(coding, head);
  pipeline(input, decoder, () => undefined);
  try {
    for await (const chunk of decoder) yield chunk as Buffer;
  } catch (err) {
    if (err === sourceFailure && sourceFailure !== undefined) throw err;
    const reason = (err as Error).message;
    throw new UserError(`响应解压失败（${coding}，${reason}）：${url}`, `response does not decode (${coding}, ${reason}): ${url}`);
  } finally {
    decoder.destroy();
  }
}

/**
 * The body decoded from every coding applied to it, the last applied undone first; `source` as it is
 * when there is none. Streamed (see decodeOne): the caller caps the decoded size by how much it reads.
 */
export function decodeBody(source: AsyncIterable<Buffer>, applied: readonly Coding[], url: string): AsyncIterable<Buffer> {
  return applied.reduceRight<AsyncIterable<Buffer>>((body, coding) => decodeOne(body, coding, url), source);
}

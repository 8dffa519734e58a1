import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { mkdir, open, rename, truncate, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio';
import { DEFAULT_MAX_BYTES } from '../config/schema.ts';
import { UserError } from '../util/errors.ts';
import { sha256Hex } from '../util/hash.ts';
import { redactHeaders } from '../util/secrets.ts';
import { archiveUnits, firstDamage, type ArchiveUnit, type UnitDamage } from './archiveUnits.ts';
import type { FetchedRequest, FetchedResponse } from '../domain/response.ts';

const statusText: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 404: 'Not Found', 500: 'Internal Server Error' };

const sha256 = (bytes: Uint8Array) => `sha256:${sha256Hex(bytes)}`;

/**
 * One record as a gzip member of a WARC/1.1 file (ISO 28500), its digests computed here with node:crypto and
 * the member compressed with zlib: warcio's own hashers and streams cost milliseconds a record, which a crawl
 * of thousands of pages feels.
 */
async function serialiseRecord(record: WARCRecord, payload: Buffer): Promise<Uint8Array> {
  const httpHead = Buffer.from(`${record.httpHeaders?.toString() ?? ''}\r\n`);
  record.warcHeaders.headers.set('WARC-Payload-Digest', sha256(payload));
  record.warcHeaders.headers.set('WARC-Block-Digest', sha256(Buffer.concat([httpHead, payload])));
  return gzipSync(await WARCSerializer.serialize(record, { gzip: false }));
}

/**
 * Serialises one response as a gzip member of a WARC/1.1 file; a response with its `request` is preceded by
 * a request record (method, headers with credentials redacted, body), which the response names in
 * WARC-Concurrent-To, as wget writes them. The response is kept as the crawler read it: its body decoded,
 * with headers that say so (httpRequest's keptHeaders: the original Content-Encoding in
 * X-Xinzhi-Content-Encoding), so every reader of the archive gets the same bytes back without decoding.
 */
export async function warcResponseRecord(response: FetchedResponse): Promise<Uint8Array> {
  const record = WARCRecord.create(
    {
      url: response.url,
      date: response.fetchedAt,
      type: 'response',
      warcVersion: 'WARC/1.1',
      statusline: `HTTP/1.1 ${response.status} ${statusText[response.status] ?? 'Status'}`,
      httpHeaders: response.headers,
    },
    [new Uint8Array(response.body)],
  );
  if (!response.request) return serialiseRecord(record, response.body);
  const target = new URL(response.url);
  const request = WARCRecord.create(
    {
      url: response.url,
      date: response.fetchedAt,
      type: 'request',
      warcVersion: 'WARC/1.1',
      statusline: `${response.request.method} ${target.pathname}${target.search} HTTP/1.1`,
      // Credentials a request carried (a rendered page's cookie, an Authorization) are not kept; a replay finds the answer by method, URL and body alone.
      httpHeaders: { host: target.host, ...redactHeaders(response.request.headers) },
    },
    [new Uint8Array(response.request.body)],
  );
  record.warcHeaders.headers.set('WARC-Concurrent-To', request.warcHeaders.headers.get('WARC-Record-ID')!);
  const [head, tail] = await Promise.all([serialiseRecord(request, response.request.body), serialiseRecord(record, response.body)]);
  return Buffer.concat([head, tail]);
}

/**
 * Serialises a page as a browser rendered it (its DOM after the scripts ran) as a WARC/1.1 `conversion`
 * record: content derived from the response archived under the same WARC-Target-URI, its block the HTML
 * itself (no HTTP head: no server sent it). A replay reads it back for a list page read with `render`.
 */
export async function warcConversionRecord(rendered: FetchedResponse): Promise<Uint8Array> {
  const record = WARCRecord.create(
    { url: rendered.url, date: rendered.fetchedAt, type: 'conversion', warcVersion: 'WARC/1.1', warcHeaders: { 'Content-Type': rendered.headers['content-type'] ?? 'text/html; charset=utf-8' } },
    [new Uint8Array(rendered.body)],
  );
  record.warcHeaders.headers.set('WARC-Payload-Digest', sha256(rendered.body));
  record.warcHeaders.headers.set('WARC-Block-Digest', sha256(rendered.body));
  return gzipSync(await WARCSerializer.serialize(record, { gzip: false }));
}

/**
 * A damaged archive file and what was done about it: read up to the damage (`read`), cut at it before
 * appending (`cut`: a record a crash left half written at its end), or moved aside to `movedTo` before
 * appending to a new file (`moved`: damage with records after it, which a cut would lose).
 */
export interface ArchiveDamage extends Omit<UnitDamage, 'atEnd'> {
  path: string;
  action: 'read' | 'cut' | 'moved';
  movedTo?: string;
}

/**
 * Appends responses to a day's archive, each as its own gzip member, so the file is a valid
 * .warc.gz after every append and a crash loses at most the response being written. Records are
 * compressed in parallel and written in order through one open file. Before its first append to a file
 * that exists, the writer reads it through: a member a killed run left half written at the end is cut
 * off, and a file damaged before its end is moved aside (`onDamage` is told either), so that what is
 * appended after it stays readable. The caller holds the data folder's lock: one writer per file.
 */
export class WarcWriter {
  private file: Promise<FileHandle> | undefined;
  /** Writes run one after another: concurrent writes to one file could interleave. */
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string, private readonly onDamage?: (damage: ArchiveDamage) => void) {}

  private handle(): Promise<FileHandle> {
    this.file ??= this.openForAppend();
    return this.file;
  }

  private async openForAppend(): Promise<FileHandle> {
    await mkdir(dirname(this.path), { recursive: true });
    const damage = await firstDamage(this.path, true).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (damage?.atEnd) {
      await truncate(this.path, damage.offset);
      this.onDamage?.({ path: this.path, offset: damage.offset, reason: damage.reason, action: 'cut' });
    } else if (damage) {
      // Sorted before the day's file (".damaged-" < ".warc"), so a replay of the folder reads the older records first.
      const movedTo = join(dirname(this.path), `${basename(this.path).replace(/\.warc\.gz$/, '')}.damaged-${Date.now()}.warc.gz`);
      await rename(this.path, movedTo);
      this.onDamage?.({ path: this.path, offset: damage.offset, reason: damage.reason, action: 'moved', movedTo });
    }
    return open(this.path, 'a');
  }

  append(response: FetchedResponse): Promise<void> {
    return this.write(warcResponseRecord(response));
  }

  /** Appends a page as a browser rendered it, as a `conversion` record (see warcConversionRecord). */
  appendRendered(rendered: FetchedResponse): Promise<void> {
    return this.write(warcConversionRecord(rendered));
  }

  private write(record: Promise<Uint8Array>): Promise<void> {
    const write = this.tail.then(async () => {
      const bytes = await record;
      await (await this.handle()).write(bytes);
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** Waits for pending writes and closes the file. */
  async close(): Promise<void> {
    await this.tail;
    if (this.file) await (await this.file.catch(() => undefined))?.close();
    this.file = undefined;
  }
}

function notWarc(path: string, reason: string): UserError {
  return new UserError(`归档 ${path} 已损坏或不是 WARC 文件：${reason}`, `archive ${path} is corrupt or not a WARC file: ${reason}`);
}

/** A WARC file starts with its version line; a .warc.gz with the gzip magic number. Returns whether it is gzip. */
function assertWarcSignature(path: string): boolean {
  const head = Buffer.alloc(5);
  let read: number;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, head, 0, 5, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`无法读取归档 ${path}（${code}）`, `cannot read archive ${path} (${code})`);
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip && head.subarray(0, read).toString('latin1') !== 'WARC/') throw notWarc(path, 'no WARC header');
  return gzip;
}

/** The bytes of an archive's whole units, for warcio; the first must begin a WARC record, or the file is none. */
async function* unitBytes(path: string, units: AsyncIterable<ArchiveUnit>): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const unit of units) {
    if (first && unit.bytes.subarray(0, 5).toString('latin1') !== 'WARC/') throw notWarc(path, 'no WARC header');
    first = false;
    yield unit.bytes;
  }
}

/** A record of an archive as the crawl reads it: a response as served, or a page as a browser rendered it. */
export interface ArchivedRecord {
  type: 'response' | 'conversion';
  /** A conversion reads as a 200 whose Content-Type is the record's. */
  response: FetchedResponse;
}

/**
 * A record's body as the crawl reads it, read chunk by chunk and abandoned past `maxBytes`: an archive made
 * elsewhere may hold a body under a Content-Encoding, which warcio decodes as it reads (gzip, deflate), and
 * a small record must not expand into gigabytes. Throws a UserError naming the archive and the address.
 */
async function cappedBody(record: WARCRecord, path: string, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record) {
    size += chunk.length;
    if (size > maxBytes) throw new UserError(`归档 ${path} 中 ${record.warcTargetURI} 的响应超过 ${maxBytes} 字节（解压后）`, `archive ${path}: the response of ${record.warcTargetURI} is larger than ${maxBytes} bytes (decoded)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** How an archive is read: each body's cap once decoded (crawl.maxBytes), and who is told of damage. */
export interface ArchiveReading {
  /** The cap on one record's body once decoded; DEFAULT_MAX_BYTES when absent. */
  maxBytes?: number;
  /** Told of a file read up to its damage; without it the damage is a UserError. */
  onDamage?: (damage: ArchiveDamage) => void;
}

/**
 * Reads every response and conversion record of one .warc or .warc.gz file, in file order, each body at
 * most `reading.maxBytes` once decoded (a record over it is a UserError naming the archive and address). A
 * response that names in WARC-Concurrent-To a request record before it, other than a plain GET (as xinzhi
 * and wget write them), carries that request. Only whole gzip members (or plain records) are read
 * (archiveUnits): at the first one cut short or malformed the reading stops, and `reading.onDamage` is told
 * the file and the offset; without it that is a UserError. Throws a UserError naming a file that is not a WARC.
 */
export async function* readWarcRecords(path: string, reading: ArchiveReading = {}): AsyncGenerator<ArchivedRecord> {
  const { maxBytes = DEFAULT_MAX_BYTES, onDamage } = reading;
  const gzip = assertWarcSignature(path);
  let damage: UnitDamage | undefined;
  const parser = new WARCParser(unitBytes(path, archiveUnits(path, gzip, (found) => (damage = found))));
  // Requests wait here for their response; only those other than a plain GET are kept.
  const requests = new Map<string, FetchedRequest>();
  try {
    for await (const record of parser) {
      if (record.warcType === 'request') {
        const id = record.warcHeader('WARC-Record-ID');
        const method = record.httpHeaders?.method?.toUpperCase();
        if (id && method && method !== 'GET') requests.set(id, { method, headers: headersOf(record), body: await cappedBody(record, path, maxBytes) });
        continue;
      }
      const type = record.warcType;
      if ((type !== 'response' && type !== 'conversion') || !record.warcTargetURI) continue;
      // A response's content (dechunked, decoded as its headers say); a conversion's block as it is.
      const body = await cappedBody(record, path, maxBytes);
      const headers = headersOf(record);
      if (type === 'conversion' && record.warcContentType) headers['content-type'] = record.warcContentType;
      const status = type === 'conversion' ? 200 : Number(record.httpHeaders?.statusCode ?? 0);
      const requestId = type === 'response' ? record.warcConcurrentTo?.find((id) => requests.has(id)) : undefined;
      const request = requestId ? requests.get(requestId) : undefined;
      if (requestId) requests.delete(requestId);
      yield { type, response: { url: record.warcTargetURI, status, headers, body, fetchedAt: record.warcDate ?? new Date(0).toISOString(), ...(request ? { request } : {}) } };
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw notWarc(path, (err as Error).message);
  }
  if (!damage) return;
  if (!onDamage) throw notWarc(path, `damaged from byte ${damage.offset} (${damage.reason})`);
  onDamage({ path, offset: damage.offset, reason: damage.reason, action: 'read' });
}

/** The HTTP headers of a record, names in lower case. */
function headersOf(record: WARCRecord): Record<string, string> {
  const headers: Record<string, string> = {};
  const httpHeaders = record.httpHeaders?.headers;
  if (httpHeaders) for (const [name, value] of httpHeaders) headers[name.toLowerCase()] = value;
  return headers;
}

/** Reads every response record of one .warc or .warc.gz file (see readWarcRecords and its `reading`), each with its request when it was more than a plain GET. */
export async function* readWarcResponses(path: string, reading: ArchiveReading = {}): AsyncGenerator<FetchedResponse> {
  for await (const record of readWarcRecords(path, reading)) if (record.type === 'response') yield record.response;
}

/** The archive files at a path: the file itself, or every .warc/.warc.gz in a folder. */
export function warcFiles(path: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UserError(`找不到归档 ${path}`, `archive not found: ${path}`);
  }
  if (!isDir) return [path];
  const files = readdirSync(path).filter((f) => /\.warc(\.gz)?$/.test(f)).sort().map((f) => join(path, f));
  if (files.length === 0) throw new UserError(`目录 ${path} 中没有 WARC 归档`, `no WARC archive in ${path}`);
  return files;
}

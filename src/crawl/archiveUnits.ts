import { open, type FileHandle } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';

/** One whole unit of an archive file: a gzip member inflated, or a plain WARC record as written. */
export interface ArchiveUnit {
  /** Byte offset of the unit in the file. */
  offset: number;
  bytes: Buffer;
}

/** Where an archive file stops being whole units, and why. */
export interface UnitDamage {
  /** Byte offset in the file of the first unit cut short or malformed: nothing from here on is read. */
  offset: number;
  reason: string;
  /**
   * The damaged unit runs to the end of the file: an append cut short (a crash, a full disk, a copy
   * stopped half way), which cutting the file at `offset` repairs. False when other bytes follow it.
   */
  atEnd: boolean;
}

/** What reading a unit from the bytes at hand gives: a whole unit, too few bytes yet, or bytes that are no unit. */
type UnitRead = { kind: 'whole'; length: number; bytes: Buffer } | { kind: 'short'; reason: string } | { kind: 'bad'; reason: string };

const GZIP_MAGIC = [0x1f, 0x8b, 8];
const GZIP_FLAGS = { hcrc: 2, extra: 4, name: 8, comment: 16 } as const;

/** The length of the gzip member header at the start of `view` (RFC 1952 §2.3), 'short' when it is not all there. */
function gzipHeaderLength(view: Buffer): number | 'short' | 'bad' {
  // ID1, ID2 and CM (deflate), as far as they are there.
  if (GZIP_MAGIC.some((byte, i) => i < view.length && view[i] !== byte)) return 'bad';
  if (view.length < 10) return 'short';
  const flags = view[3]!;
  let length = 10;
  if (flags & GZIP_FLAGS.extra) {
    if (view.length < length + 2) return 'short';
    length += 2 + view.readUInt16LE(length);
  }
  for (const flag of [GZIP_FLAGS.name, GZIP_FLAGS.comment]) {
    if (!(flags & flag)) continue;
    const zero = view.indexOf(0, length);
    if (zero < 0) return 'short';
    length = zero + 1;
  }
  if (flags & GZIP_FLAGS.hcrc) length += 2;
  return length <= view.length ? length : 'short';
}

/**
 * The gzip member at the start of `view`, inflated and checked against its trailer's CRC-32 and length.
 * zlib tells how many bytes the deflate stream took (engine.bytesWritten), which is where the member ends.
 */
export function readGzipMember(view: Buffer): UnitRead {
  const header = gzipHeaderLength(view);
  if (header === 'short') return { kind: 'short', reason: 'gzip header cut short' };
  if (header === 'bad') return { kind: 'bad', reason: 'not a gzip member' };
  let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    inflated = inflateRawSync(view.subarray(header), { info: true }) as unknown as typeof inflated;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'Z_BUF_ERROR' ? { kind: 'short', reason: 'gzip member cut short' } : { kind: 'bad', reason: `gzip member damaged: ${(err as Error).message}` };
  }
  const trailer = header + inflated.engine.bytesWritten;
  if (view.length < trailer + 8) return { kind: 'short', reason: 'gzip trailer cut short' };
  const data = inflated.buffer;
  if (view.readUInt32LE(trailer) !== crc32(data) || view.readUInt32LE(trailer + 4) !== data.length % 2 ** 32) return { kind: 'bad', reason: 'gzip member fails its CRC-32' };
  return { kind: 'whole', length: trailer + 8, bytes: data };
}

const CRLF2 = Buffer.from('\r\n\r\n');
/** A WARC header block longer than this is no header: the bytes are not a record. */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * The plain WARC record at the start of `view` (ISO 28500 §4: version line, named fields, a blank line,
 * Content-Length bytes of block, two CRLFs). Blank lines before it belong to it.
 */
export function readWarcRecord(view: Buffer): UnitRead {
  let start = 0;
  while (view[start] === 0x0d || view[start] === 0x0a) start++;
  const head = view.subarray(start, start + 5).toString('latin1');
  if (!'WARC/'.startsWith(head)) return { kind: 'bad', reason: 'no WARC version line' };
  const headEnd = view.indexOf(CRLF2, start);
  if (headEnd < 0) return view.length - start > MAX_HEADER_BYTES ? { kind: 'bad', reason: 'WARC header too long' } : { kind: 'short', reason: 'WARC header cut short' };
  const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(view.subarray(start, headEnd + 2).toString('latin1'))?.[1];
  if (length === undefined) return { kind: 'bad', reason: 'WARC record without Content-Length' };
  const end = headEnd + 4 + Number(length) + 4;
  if (view.length < end) return { kind: 'short', reason: 'WARC record cut short' };
  if (!view.subarray(end - 4, end).equals(CRLF2)) return { kind: 'bad', reason: 'WARC record longer than its Content-Length' };
  return { kind: 'whole', length: end, bytes: view.subarray(start, end) };
}

/** A window on a file read forward: bytes from `start` (a file offset) to what has been read. */
class ForwardWindow {
  private buffer = Buffer.alloc(0);
  /** The file offset of buffer[0]. */
  private base = 0;

  constructor(private readonly file: FileHandle, readonly size: number) {}

  /** The bytes held from file offset `start` on; they stay valid after later reads. */
  from(start: number): Buffer {
    return this.buffer.subarray(start - this.base);
  }

  /** Reads more of the file, forgetting what lies before `keepFrom`: at least as much again as is held, so a long unit is read in few steps. False at the end of the file. */
  async more(keepFrom: number): Promise<boolean> {
    const end = this.base + this.buffer.length;
    if (end >= this.size) return false;
    const held = this.buffer.subarray(keepFrom - this.base);
    const chunk = Buffer.allocUnsafe(Math.min(this.size - end, Math.max(1 << 20, held.length)));
    const { bytesRead } = await this.file.read(chunk, 0, chunk.length, end);
    if (bytesRead === 0) return false;
    this.buffer = Buffer.concat([held, chunk.subarray(0, bytesRead)]);
    this.base = keepFrom;
    return true;
  }
}

/**
 * The whole units of an archive file in file order, each with its offset: a .warc.gz's gzip members
 * inflated (`gzip`), or a plain .warc's records. The first unit cut short or malformed ends the reading:
 * `onDamage` is told where and why, and nothing after it is yielded. Reads the file forward once,
 * holding about one unit (at least 1 MiB) at a time. Throws what the file system throws.
 */
export async function* archiveUnits(path: string, gzip: boolean, onDamage: (damage: UnitDamage) => void): AsyncGenerator<ArchiveUnit> {
  const file = await open(path, 'r');
  try {
    const window = new ForwardWindow(file, (await file.stat()).size);
    const read = gzip ? readGzipMember : readWarcRecord;
    let offset = 0;
    for (;;) {
      const view = window.from(offset);
      // Blank lines after a plain file's last record end it as well as its end does.
      const onlyBlank = !gzip && view.every((b) => b === 0x0d || b === 0x0a);
      if (view.length === 0 || onlyBlank) {
        if (await window.more(offset)) continue;
        return;
      }
      const unit = read(view);
      if (unit.kind === 'short' && (await window.more(offset))) continue;
      if (unit.kind !== 'whole') {
        onDamage({ offset, reason: unit.reason, atEnd: unit.kind === 'short' });
        return;
      }
      yield { offset, bytes: unit.bytes };
      offset += unit.length;
    }
  } finally {
    await file.close();
  }
}

/** The first damage of an archive file (see archiveUnits), or undefined when it is whole units to its end. */
export async function firstDamage(path: string, gzip: boolean): Promise<UnitDamage | undefined> {
  let damage: UnitDamage | undefined;
  for await (const unit of archiveUnits(path, gzip, (found) => (damage = found))) void unit;
  return damage;
}

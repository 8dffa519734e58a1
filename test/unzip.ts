import { inflateRawSync } from 'node:zlib';

/** One entry of a zip file as its central directory gives it. */
export interface ZipEntry {
  data: Buffer;
  /** The DOS date and time fields, as stored (local wall-clock time, no zone). */
  dosDate: number;
  dosTime: number;
}

/**
 * The entries of a zip file without a comment (as docx writes it), by name, in the directory's order:
 * stored or deflated data, each checked against the size its header gives. No package depends on a zip
 * reader, and node:zlib inflates; a test reads the .docx the way Word does, from its directory.
 */
export function unzip(zip: Buffer): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  const end = zip.length - 22;
  if (zip.readUInt32LE(end) !== 0x06054b50) throw new Error('no end of central directory');
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central header');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    if (zip.readUInt32LE(local + 10) !== zip.readUInt32LE(at + 12)) throw new Error(`${name}: local and central times differ`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the directory says ${size}`);
    entries.set(name, { data, dosTime: zip.readUInt16LE(at + 12), dosDate: zip.readUInt16LE(at + 14) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

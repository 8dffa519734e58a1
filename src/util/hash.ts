import { createHash } from 'node:crypto';

/** SHA-256 of bytes, in hex: response bodies in the store, digests in the WARC archive. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

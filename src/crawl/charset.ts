import iconv from 'iconv-lite';

/** GB2312 and GBK are subsets of GB18030: decoding with the superset never loses a character. */
function canonical(label: string): string | undefined {
  const name = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(name)) return 'gb18030';
  if (/^utf-?8$/.test(name)) return 'utf8';
  return iconv.encodingExists(name) ? name : undefined;
}

function charsetOfContentType(contentType: string | undefined): string | undefined {
  const match = contentType?.match(/charset\s*=\s*([^;\s]+)/i);
  return match?.[1] ? canonical(match[1]) : undefined;
}

function charsetOfMeta(head: string): string | undefined {
  const match = head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i) ?? head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i);
  return match?.[1] ? canonical(match[1]) : undefined;
}

/** Whether the bytes are valid UTF-8: a page without a declared charset is UTF-8 or, on Chinese sites, GB18030. */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const hasNonAscii = (bytes: Buffer) => bytes.some((b) => b >= 0x80);

/**
 * Decodes an HTML response: a BOM first, then the charset from the HTTP header, then `<meta>` (or the
 * XML declaration), then a UTF-8 validity test with GB18030 as the fallback. A declaration the bytes
 * contradict loses: non-ASCII text that is valid UTF-8 is UTF-8 whatever other label it has (pages saved
 * by a browser keep their old GBK or EUC-JP label; text in another multibyte encoding is almost never
 * valid UTF-8), and bytes labelled UTF-8 that are not UTF-8 are read as GB18030.
 */
export function decodeHtml(bytes: Buffer, contentType?: string): { text: string; charset: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), charset: 'utf8' };
  const declared = charsetOfContentType(contentType) ?? charsetOfMeta(bytes.subarray(0, 4096).toString('latin1'));
  const nonAscii = hasNonAscii(bytes);
  const utf8 = nonAscii ? isUtf8(bytes) : true;
  let charset: string;
  if (declared && declared !== 'utf8' && nonAscii && utf8) charset = 'utf8';
  else if (declared === 'utf8' && !utf8) charset = 'gb18030';
  else charset = declared ?? (utf8 ? 'utf8' : 'gb18030');
  return { text: iconv.decode(bytes, charset), charset };
}

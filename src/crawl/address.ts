import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { UserError } from '../util/errors.ts';

/**
 * The eight 16-bit groups of an IPv6 address, a trailing dotted IPv4 part read as the last two. Ranges are
 * checked on these numbers, not on the text: `fe9f::1` is link-local though it does not start with `fe80`,
 * and `fc::1` (that is, `00fc::1`) is not unique-local though it starts with `fc`.
 */
function ipv6Groups(address: string): number[] {
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a: string, b: string, c: string, d: string) => `${(Number(a) * 256 + Number(b)).toString(16)}:${(Number(c) * 256 + Number(d)).toString(16)}`);
  const [head = '', tail = ''] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = groups(head);
  const right = groups(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** Loopback, private, link-local, CGNAT, unique-local, multicast and unspecified ranges, IPv4 or IPv6. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const groups = ipv6Groups(address);
  const first = groups[0]!;
  const zerosBefore = (n: number) => groups.slice(0, n).every((group) => group === 0);
  // IPv4-mapped (::ffff:0:0/96): the socket connects to the IPv4 address. The URL parser writes
  // ::ffff:127.0.0.1 as ::ffff:7f00:1, so the address is read from the numbers, not the text.
  if (zerosBefore(5) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return isPrivateAddress(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`);
  }
  // :: (unspecified) and ::1 (loopback); fc00::/7 unique-local; fe80::/10 link-local; ff00::/8 multicast.
  return (zerosBefore(7) && groups[7]! <= 1) || (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

/** What an operator who meant it does: a site on this machine or the LAN is read only when its source allows it. */
export const PRIVATE_HINT = { zh: '；本机或内网的测试站点请在该来源上设置 allowPrivate: true', en: '; for a test site on this machine or the LAN set allowPrivate: true on the source' };

/**
 * The refusal of a private address, naming the URL, the address it is (null: a name that resolves to one)
 * and the setting that allows it. A class of its own so that `sources check` names it (finding `private`)
 * without reading the message.
 */
export class PrivateAddressError extends UserError {
  constructor(readonly url: string, readonly address: string | null) {
    super(
      `拒绝访问私有地址 ${url}（${address ?? 'DNS 解析为私有地址'}）${PRIVATE_HINT.zh}`,
      `refusing private address ${url} (${address ?? 'resolves to a private address'})${PRIVATE_HINT.en}`,
    );
  }
}

/** The refusal of a private address written in a URL (see PrivateAddressError). */
export function privateAddressError(url: string, address: string): PrivateAddressError {
  return new PrivateAddressError(url, address);
}

/** An address written in the URL itself is never looked up, so it is checked here. */
export function assertPublicLiteral(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isPrivateAddress(host)) throw privateAddressError(url.href, host);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** A resolver answering every address of a name, as dns.lookup does with `all: true`. */
export type ResolveAll = (hostname: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A DNS lookup for the HTTP client's connections that refuses private answers. It runs at connect time,
 * so the address checked is the address connected to: a name that resolves to a private address, or is
 * re-pointed at one between two requests, is refused. An answer that mixes public and private addresses is
 * refused whole: the connection could go to any of them. `resolve` is the system resolver but for tests.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback, resolve: ResolveAll = dnsLookup): void {
  resolve(hostname, { ...options, all: true }, (err, list) => {
    if (err) return callback(err, []);
    const blocked = list.find((entry) => isPrivateAddress(entry.address));
    if (blocked || list.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`private address ${blocked?.address ?? 'none'} for ${hostname}`);
      error.code = 'EPRIVATEADDRESS';
      return callback(error, []);
    }
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  });
}

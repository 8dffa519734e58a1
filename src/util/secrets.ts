import { UserError } from './errors.ts';

/**
 * Secrets — an LLM API key, a robot's signing secret, an SMTP password — come only from the environment:
 * the config names the variable (`writer.llm.apiKeyEnv`, a channel's `…Env` key), never the value. This
 * module reads them, remembers the values read so that any line leaving the process can be cleaned of
 * them, and cleans text of secrets it was never told of: credentials in a URL and query parameters named
 * like a key (issue 15, docs/security.md "Secrets").
 *
 * Use: `readSecret(name)` where a secret is required, `optionalSecret(name)` where a local service may need
 * none; `redactSecrets(line)` on every line written to a log, an error, a report or a file (crawl failures,
 * the CLI's error line, a model provider's answer); `redactHeaders(headers)` on request headers kept in an
 * archive.
 */

/** What a secret is replaced by. */
export const REDACTED = '[redacted]';

/**
 * Values shorter than this are not replaced wherever they occur: a one- or two-letter "key" (a local
 * server's placeholder) would otherwise garble every line. Real keys and passwords are longer.
 */
const MIN_SECRET_LENGTH = 4;

/** The secrets read in this process (by readSecret and optionalSecret), which redactSecrets always removes. */
const known = new Set<string>();

/**
 * The secret in environment variable `variable`, remembered for redaction. Throws a one-line UserError
 * naming the variable (and `purpose`, what needs it: `writer.llm`, a channel) when it is unset or empty.
 */
export function readSecret(variable: string, purpose: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = optionalSecret(variable, env);
  if (value === undefined) throw new UserError(`缺少环境变量 ${variable}（${purpose} 的密钥只从环境变量读取）`, `environment variable ${variable} is not set (the secret for ${purpose} is read from the environment only)`);
  return value;
}

/** The secret in environment variable `variable`, remembered for redaction; undefined when unset or empty. */
export function optionalSecret(variable: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[variable];
  if (value === undefined || value === '') return undefined;
  if (value.length >= MIN_SECRET_LENGTH) known.add(value);
  return value;
}

/**
 * Query parameters whose value is a credential by their name, case-insensitive: key, api_key, apikey,
 * app_key, access_token, token, auth, sign, signature, secret, password, passwd, pwd, ticket, session id.
 */
const SECRET_PARAM = /([?&;](?:[\w.-]*?[_-])?(?:key|apikey|api[_-]?key|token|access[_-]?token|auth|authorization|sign|signature|secret|password|passwd|pwd|ticket|sessionid|session[_-]?id|jsessionid)=)[^&#\s;'"<>）)，,：]*/gi;

/** Credentials in a URL's authority: `scheme://user:password@host` and `scheme://token@host`. */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/**
 * `text` with every secret value replaced by REDACTED: each of `secrets`, every secret read through
 * readSecret and optionalSecret in this process, the user information of any URL, and the value of any
 * query parameter named like a credential (SECRET_PARAM). Values shorter than MIN_SECRET_LENGTH are left.
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined> = []): string {
  let clean = text;
  // Longest first: a secret that contains another is replaced whole.
  const values = [...new Set([...secrets, ...known])].filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const value of values) clean = clean.split(value).join(REDACTED);
  return clean.replace(URL_USERINFO, `$1${REDACTED}@`).replace(SECRET_PARAM, `$1${REDACTED}`);
}

/**
 * Request headers that carry a credential: HTTP authentication (RFC 9110 §11.6), cookies (RFC 6265), and
 * the API-key headers providers use.
 */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'x-auth-token', 'x-access-token']);

/**
 * Request headers as they may be kept (in an archive): each that carries a credential (SECRET_HEADERS, and
 * `extra` names, lower case) reads REDACTED, the rest as sent. Names in lower case, as given.
 */
export function redactHeaders(headers: Record<string, string>, extra: readonly string[] = []): Record<string, string> {
  const secret = new Set([...SECRET_HEADERS, ...extra]);
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, secret.has(name.toLowerCase()) ? REDACTED : value]));
}

/** Config keys that would hold a secret itself: the value belongs in an environment variable, named by `<key>Env`. */
const SECRET_KEY = /^(?:api[_-]?key|apikey|key|token|access[_-]?token|secret|client[_-]?secret|password|passwd|pass|auth|authorization|bearer)$/i;

/**
 * The paths (dot-separated) of keys in a parsed config that would hold a secret itself (SECRET_KEY:
 * apiKey, token, secret, password …), in document order; `…Env` keys, which name a variable, are not
 * such keys. For the config loader, which refuses them.
 */
export function literalSecretKeys(value: unknown, path: readonly string[] = [], within: ReadonlySet<object> = new Set()): string[] {
  if (value === null || typeof value !== 'object') return [];
  // A YAML alias may hold the node it is in (a: &a [*a]): a value met again on its own path is not read twice.
  if (within.has(value)) return [];
  const inside = new Set(within).add(value);
  if (Array.isArray(value)) return value.flatMap((item, i) => literalSecretKeys(item, [...path, String(i)], inside));
  return Object.entries(value).flatMap(([key, inner]) => [...(SECRET_KEY.test(key) ? [[...path, key].join('.')] : []), ...literalSecretKeys(inner, [...path, key], inside)]);
}

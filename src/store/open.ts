import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../util/errors.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store, StoreOptions } from './store.ts';

/** How a command opens its store. */
export interface OpenStoreOptions extends StoreOptions {
  /**
   * The store's address from the configuration (`store:`) or XINZHI_STORE: `postgres://…` for PostgreSQL;
   * undefined or `sqlite` for the SQLite file in the data folder.
   */
  url?: string;
  /**
   * For commands that only read (explain, verify, render): a SQLite data folder without its file is an
   * error naming the file (run or import first), never a new empty store.
   */
  existing?: boolean;
}

/** The schema parameter that gives each data folder a PostgreSQL schema of its own (how the test suite keeps tests apart). */
const PER_DATA_DIR = 'per-data-dir';

/**
 * A PostgreSQL address with `schema=per-data-dir` made concrete: `xz_` and 20 hex digits of the SHA-256
 * of the data folder's absolute path, so every data folder (every test's temporary one) has its own
 * tables in one database. Other addresses are returned as they are.
 */
export function schemaForDataDir(url: string, dataDir: string): string {
  const parsed = new URL(url);
  if (parsed.searchParams.get('schema') !== PER_DATA_DIR) return url;
  parsed.searchParams.set('schema', `xz_${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 20)}`);
  return parsed.toString();
}

/** Whether a store address is PostgreSQL's. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/** A store address as it may be shown: without the password a postgres:// address may carry. */
export function redactedStoreUrl(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1@');
}

/**
 * Checks a store address before anything opens it: undefined, '' or `sqlite` (the SQLite file), or a
 * postgres:// address that parses. Returns whether it is PostgreSQL's; throws a UserError naming the
 * address (password removed) and what is wrong otherwise — a typo never falls back to an empty SQLite store.
 */
export function checkStoreUrl(url: string | undefined): boolean {
  if (url === undefined || url === '' || url === 'sqlite') return false;
  if (!isPostgresUrl(url)) {
    throw new UserError(`store 的地址 ${redactedStoreUrl(url)} 无法识别：写 sqlite，或 postgres://主机:端口/数据库`, `store address ${redactedStoreUrl(url)} not understood: write sqlite, or postgres://host:port/database`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`store 的 PostgreSQL 地址无效：${redactedStoreUrl(url)}（主机、端口或字符有误）`, `store: not a valid PostgreSQL address: ${redactedStoreUrl(url)} (host, port or characters)`);
  }
  // Without one, pg would connect to the role's own database (often `postgres`, the server's maintenance one).
  if (!/^\/[^/]+$/.test(parsed.pathname)) {
    throw new UserError(`store 的 PostgreSQL 地址 ${redactedStoreUrl(url)} 没有写数据库名：postgres://主机:端口/数据库`, `store: the PostgreSQL address ${redactedStoreUrl(url)} names no database: postgres://host:port/database`);
  }
  return true;
}

/**
 * Opens the store a command uses: PostgreSQL when `url` is a postgres:// address (src/store/postgres.ts,
 * loaded only then), else the SQLite file of `dataDir` (created when missing unless `existing`). Rejects
 * with a UserError naming the file or the address when it cannot be opened, or when `url` is neither (checkStoreUrl).
 */
export async function openStore(dataDir: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { url, existing, ...storeOptions } = options;
  if (checkStoreUrl(url)) {
    const { PgStore } = await import('./postgres.ts');
    return PgStore.open(schemaForDataDir(url!, dataDir), storeOptions);
  }
  return existing ? SqliteStore.openExisting(dataDir, storeOptions) : new SqliteStore(dataDir, storeOptions);
}

/**
 * Whether a data folder holds an archive a command can read: PostgreSQL is always there (its tables are
 * made on opening); SQLite only once a run or an import made the file. Throws as checkStoreUrl for an address that is neither.
 */
export function storeExists(dataDir: string, url: string | undefined): boolean {
  return checkStoreUrl(url) || existsSync(SqliteStore.fileIn(dataDir));
}

import { cpSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl, openStore, schemaForDataDir } from '../src/store/open.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import type { Store, StoreOptions } from '../src/store/store.ts';
import './storeEnv.ts';

/** The store address the suite runs on: PostgreSQL when XINZHI_TEST_STORE is set (test/storeEnv.ts), else undefined (SQLite). */
export function testStoreUrl(): string | undefined {
  return process.env.XINZHI_STORE || undefined;
}

/** Whether this run of the suite is on PostgreSQL. */
export const onPostgres = isPostgresUrl(testStoreUrl());

/** The store of a test's data folder, on the suite's engine (SQLite, or PostgreSQL in a schema of the folder's own). */
export function openTestStore(dataDir: string, options: StoreOptions & { existing?: boolean } = {}): Promise<Store> {
  return openStore(dataDir, { ...options, url: testStoreUrl() });
}

/**
 * Copies a data folder with its store: the files, and on PostgreSQL the rows of the first folder's schema
 * into the second's (created by opening it). How a test file gives each test a fresh copy of one prepared day.
 */
export async function copyDataFolder(from: string, to: string): Promise<void> {
  cpSync(from, to, { recursive: true });
  const url = testStoreUrl();
  if (!isPostgresUrl(url)) return;
  const source = new URL(schemaForDataDir(url, from)).searchParams.get('schema')!;
  const target = new URL(schemaForDataDir(url, to)).searchParams.get('schema')!;
  await (await openTestStore(to)).close();
  const address = new URL(url);
  address.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: address.toString() });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [source]);
    await client.query('BEGIN');
    // Rows go in whatever order the tables come: foreign keys are checked as if by replication.
    await client.query('SET LOCAL session_replication_role = replica');
    for (const { table_name: table } of tables.rows) {
      await client.query(`DELETE FROM "${target}"."${table}"`);
      await client.query(`INSERT INTO "${target}"."${table}" OVERRIDING SYSTEM VALUE SELECT * FROM "${source}"."${table}"`);
    }
    const sequences = await client.query<{ sequence_name: string }>('SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = $1', [source]);
    for (const { sequence_name: sequence } of sequences.rows) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM "${source}"."${sequence}"`);
      await client.query('SELECT setval($1, $2, $3)', [`"${target}"."${sequence}"`, rows[0]!.last_value, rows[0]!.is_called]);
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Runs `use` with a client of the database, its search_path the data folder's schema (PostgreSQL only). */
async function withSchema<T>(url: string, dataDir: string, use: (client: pg.Client, schema: string) => Promise<T>): Promise<T> {
  const schema = new URL(schemaForDataDir(url, dataDir)).searchParams.get('schema')!;
  const address = new URL(url);
  address.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: address.toString() });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    return await use(client, schema);
  } finally {
    await client.end();
  }
}

/**
 * Every row of every table of a data folder's store, as one JSON text (a table's rows under its name):
 * what a test searches for something the store must never keep (a session token, a secret), whatever the
 * engine and whichever table it would be in. Reads the SQLite file read-only, or the folder's PostgreSQL schema.
 */
export async function storeText(dataDir: string): Promise<string> {
  const url = testStoreUrl();
  const dump: Record<string, Record<string, unknown>[]> = {};
  if (!isPostgresUrl(url)) {
    const db = new Database(SqliteStore.fileIn(dataDir), { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      for (const { name } of tables) dump[name] = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  } else {
    await withSchema(url, dataDir, async (client, schema) => {
      const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [schema]);
      for (const { table_name: table } of tables.rows) dump[table] = (await client.query<Record<string, unknown>>(`SELECT * FROM "${table}"`)).rows;
    });
  }
  // A blob (a response's body, a bytea hash) as its hex and its text, so what it holds is searched too.
  const plain = (value: unknown): unknown => (value instanceof Uint8Array ? `${Buffer.from(value).toString('hex')} ${Buffer.from(value).toString('latin1')}` : value);
  return JSON.stringify(Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, plain(value)])))])));
}

/**
 * The rows a read-only SELECT gives on a data folder's store, on either engine: for what a test must see
 * that no Store method reads (every delivery tried, a run's summary, how many responses are held).
 * Parameters are $1, $2 … (both engines read them). The SQL must be plain enough for both
 * (CAST a count AS INTEGER: PostgreSQL's count is a bigint, which pg gives as a string) and names SQLite's
 * tables and columns, which PostgreSQL's store is taken to keep.
 */
export async function storeRows<Row>(dataDir: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const url = testStoreUrl();
  if (isPostgresUrl(url)) return withSchema(url, dataDir, async (client) => (await client.query(sql, params)).rows as Row[]);
  const db = new Database(SqliteStore.fileIn(dataDir), { readonly: true });
  try {
    // better-sqlite3 binds $1 … by name: { 1: first, 2: second … }.
    return db.prepare(sql).all(Object.fromEntries(params.map((value, i) => [i + 1, value]))) as Row[];
  } finally {
    db.close();
  }
}

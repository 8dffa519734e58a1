import { cpSync } from 'node:fs';
import pg from 'pg';
import { isPostgresUrl, openStore, schemaForDataDir } from '../src/store/open.ts';
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

// Before the suite runs on PostgreSQL (npm run test:postgres): checks the server answers, and drops the
// schemas earlier runs left (xz_…: one per test data folder, test/storeEnv.ts), so a run starts clean and
// the database does not grow run after run. One line and exit 1 when the server cannot be reached.
import pg from 'pg';

const target = new URL(process.env.XINZHI_TEST_STORE || 'postgres://127.0.0.1:5432/test');
if (target.username === '') target.username = process.env.PGUSER ?? 'postgres';
target.searchParams.delete('schema');
const shown = `${target.protocol}//${target.username}@${target.host}${target.pathname}`;
const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 5000 });
try {
  await client.connect();
} catch (err) {
  console.error(`test:postgres: PostgreSQL at ${shown} cannot be reached (${err.code ?? err.message}): the suite's second run needs it (XINZHI_TEST_STORE names another)`);
  process.exit(1);
}
const { rows } = await client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'xz\\_%'");
for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
await client.end();
console.log(`test:postgres: ${shown}, ${rows.length} schemas of earlier runs dropped`);

/**
 * Loaded before every test file (package.json test:unit, `--import`): with XINZHI_TEST_STORE set to a
 * PostgreSQL address, every store the tests open — directly (test/storeFor.ts) or through a `xinzhi`
 * command they start — is PostgreSQL, one schema per data folder (`schema=per-data-dir`, src/store/open.ts),
 * so tests stay apart as they do with one SQLite file each. Unset or empty: SQLite, whatever XINZHI_STORE
 * the shell holds (an operator's store is never a test's).
 */
const target = process.env.XINZHI_TEST_STORE;
if (target !== undefined && target !== '') {
  const url = new URL(target);
  // The machine's server trusts the postgres role (CI's too): an address without a user means that one.
  if (url.username === '') url.username = process.env.PGUSER ?? 'postgres';
  url.searchParams.set('schema', 'per-data-dir');
  process.env.XINZHI_STORE = url.toString();
} else delete process.env.XINZHI_STORE;

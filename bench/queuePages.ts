/**
 * The side effect of a "fetch page" job in `npm run bench:queue`: a row per page in PostgreSQL, the
 * store xinzhi will write documents to whichever queue engine runs the jobs. The write is idempotent on
 * the job's key: a job run twice (its worker killed after the write, before the engine heard it was done)
 * stores nothing new and only counts the repeat, which the bench reports as a duplicate completion.
 */
import type pg from 'pg';

const TABLE = 'xinzhi_bench_queue_pages';

/** A stored page: its key, when it was stored (epoch ms, PostgreSQL's clock) and how often it came again. */
export interface StoredPage {
  key: string;
  doneAt: number;
  repeats: number;
}

/** Creates the table when missing and empties the rows of `engine`. */
export async function resetPages(db: pg.Pool, engine: string): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    engine text NOT NULL,
    key text NOT NULL,
    bytes integer NOT NULL,
    worker text NOT NULL,
    done_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    repeats integer NOT NULL DEFAULT 0,
    PRIMARY KEY (engine, key)
  )`);
  await db.query(`DELETE FROM ${TABLE} WHERE engine = $1`, [engine]);
}

/** Stores a page once; returns false when it was stored before (a repeat, counted). */
export async function storePage(db: pg.Pool, engine: string, key: string, bytes: number, worker: string): Promise<boolean> {
  const { rows } = await db.query<{ first: boolean }>(
    `INSERT INTO ${TABLE} AS p (engine, key, bytes, worker) VALUES ($1, $2, $3, $4)
     ON CONFLICT (engine, key) DO UPDATE SET repeats = p.repeats + 1
     RETURNING p.repeats = 0 AS first`,
    [engine, key, bytes, worker],
  );
  return rows[0]?.first ?? false;
}

/** The pages `engine` stored. */
export async function storedPages(db: pg.Pool, engine: string): Promise<StoredPage[]> {
  const { rows } = await db.query<{ key: string; done_ms: number; repeats: number }>(
    `SELECT key, (extract(epoch FROM done_at) * 1000)::float8 AS done_ms, repeats FROM ${TABLE} WHERE engine = $1`,
    [engine],
  );
  return rows.map((r) => ({ key: r.key, doneAt: r.done_ms, repeats: r.repeats }));
}

/** Removes the table (at the end of the bench). */
export async function dropPages(db: pg.Pool): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${TABLE}`);
}

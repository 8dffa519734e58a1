import type { HostLease, HostLeaseLimits, LeaseGrant } from '../domain/hostLease.ts';

/** What PgHostLease needs of a client: a pg.Pool or pg.Client fits. */
export interface PgQueryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/**
 * The host lease of src/queue/hostLease.ts in PostgreSQL (the store pg-boss uses): one row per host,
 * changed by single statements, so each acquire or release is one round trip. The row lock taken by
 * INSERT … ON CONFLICT DO UPDATE serialises workers racing for one host: the second re-reads the row
 * the first wrote and is refused. Time is the server's clock_timestamp().
 *
 * Why a table and not advisory locks: a session lock is freed when its connection dies (handy after a
 * kill) but holds no "not before" time, and ties the lease to one pooled connection for the whole request.
 */
export class PgHostLease implements HostLease {
  /** `table`: a plain or schema-qualified name (letters, digits, _), created by install(). */
  constructor(private readonly db: PgQueryable, private readonly limits: HostLeaseLimits, private readonly table = 'xinzhi_host_lease') {
    if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(table)) throw new Error(`host lease table name not allowed: ${table}`);
  }

  /** Creates the table when missing (idempotent). */
  async install(): Promise<void> {
    await this.db.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      host text PRIMARY KEY,
      holder text,
      lease_until timestamptz,
      next_start timestamptz NOT NULL
    )`);
  }

  async acquire(host: string, holder: string): Promise<LeaseGrant> {
    const delayMs = this.limits.delayMs(host);
    // The refused case reads the row as it was when the statement began: good enough for a wait estimate.
    const { rows } = await this.db.query<{ granted: boolean; wait_ms: number | null }>(
      `WITH attempt AS (
         INSERT INTO ${this.table} AS l (host, holder, lease_until, next_start)
         VALUES ($1, $2, clock_timestamp() + $4 * interval '1 millisecond', clock_timestamp() + $3 * interval '1 millisecond')
         ON CONFLICT (host) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until, next_start = excluded.next_start
         WHERE (l.holder IS NULL OR l.lease_until <= clock_timestamp()) AND l.next_start <= clock_timestamp()
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM attempt) AS granted,
         (SELECT CASE WHEN holder IS NOT NULL AND lease_until > clock_timestamp()
                   THEN greatest(extract(epoch FROM next_start - clock_timestamp()) * 1000, $3 / 10.0)
                   ELSE extract(epoch FROM next_start - clock_timestamp()) * 1000 END
          FROM ${this.table} WHERE host = $1)::float8 AS wait_ms`,
      [host, holder, delayMs, this.limits.leaseMs],
    );
    const row = rows[0];
    if (row?.granted) return { granted: true };
    // No row seen, or one seen free that a racing worker took first: its spacing is not known yet.
    const wait = row?.wait_ms ?? 0;
    return { granted: false, waitMs: Math.ceil(wait > 0 ? wait : Math.max(1, delayMs / 10)) };
  }

  async release(host: string, holder: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE ${this.table} SET holder = NULL, lease_until = NULL,
         next_start = greatest(next_start, clock_timestamp() + $3 * interval '1 millisecond')
       WHERE host = $1 AND holder = $2`,
      [host, holder, this.limits.delayMs(host)],
    );
    return rowCount === 1;
  }
}

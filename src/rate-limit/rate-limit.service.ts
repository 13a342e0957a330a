import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  /** This request is past the limit (remaining is 0 for the last allowed one too). */
  over: boolean;
}

interface Counter {
  bucket: string;
  window: number;
  /** Hits counted here and not yet added to PostgreSQL. */
  pending: number;
  /** The shared count PostgreSQL returned at the last sync (all instances); undefined before the first. */
  shared?: number;
}

const WINDOW_MS = 60_000;
const SYNC_EVERY_MS = 250;

/**
 * Fixed one-minute windows, shared by every instance through PostgreSQL (UNLOGGED `rate_limit_counters`).
 * Hits are counted in memory and added to the shared row in one batched upsert every 250 ms; a request
 * syncs at once (and waits for the shared count) on a bucket's first hit in a window and whenever the
 * estimate is within 10 % (at least 20) of the limit, so the limit itself is enforced exactly across
 * instances while requests far below it cost no query. Uses a small pool of its own.
 */
@Injectable()
export class RateLimitService implements OnApplicationShutdown {
  private pool?: Pool;
  private readonly counters = new Map<string, Counter>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  async hit(bucket: string, limit: number): Promise<RateLimitState> {
    const now = Date.now();
    const window = now - (now % WINDOW_MS);
    const id = `${window}|${bucket}`;
    let counter = this.counters.get(id);
    if (!counter) this.counters.set(id, (counter = { bucket, window, pending: 0 }));
    counter.pending++;
    let count = (counter.shared ?? 0) + counter.pending;
    // Sync now on the first hit, once this instance has used a tenth of what was left at its last sync
    // (other instances may be using the rest), and on every hit within 20 of the limit.
    const left = limit - (counter.shared ?? 0);
    if (counter.shared === undefined || counter.pending >= Math.max(1, Math.floor(left / 10)) || limit - count <= 20) {
      await this.sync([counter]);
      count = counter.shared! + counter.pending;
    } else {
      this.schedule();
    }
    return {
      limit,
      remaining: Math.max(0, limit - count),
      resetSeconds: Math.max(1, Math.ceil((window + WINDOW_MS - now) / 1000)),
      over: count > limit,
    };
  }

  /**
   * The state of a bucket without counting a hit: from memory (what this instance counted plus the shared
   * count at its last sync), or with `exact` from PostgreSQL as well (every instance's synced hits).
   */
  async peek(bucket: string, limit: number, exact = false): Promise<RateLimitState> {
    const now = Date.now();
    const window = now - (now % WINDOW_MS);
    const counter = this.counters.get(`${window}|${bucket}`);
    let count = (counter?.shared ?? 0) + (counter?.pending ?? 0);
    if (exact) {
      const { rows } = await this.connection().query<{ count: number }>(
        `SELECT count FROM rate_limit_counters WHERE bucket = $1 AND window_start = to_timestamp($2 / 1000.0)`,
        [bucket, window],
      );
      count = Math.max(count, (rows[0]?.count ?? 0) + (counter?.pending ?? 0));
    }
    return {
      limit,
      remaining: Math.max(0, limit - count),
      resetSeconds: Math.max(1, Math.ceil((window + WINDOW_MS - now) / 1000)),
      over: count >= limit,
    };
  }

  /** Adds the pending hits of these counters to PostgreSQL in one statement and reads back the shared counts. */
  private async sync(counters: Counter[]): Promise<void> {
    const taken = counters.map((c) => {
      const n = c.pending;
      c.pending = 0;
      return n;
    });
    try {
      const { rows } = await this.connection().query<{ bucket: string; window: string; count: number }>(
        `INSERT INTO rate_limit_counters AS c (bucket, window_start, count)
         SELECT b, to_timestamp(w / 1000.0), n FROM unnest($1::text[], $2::float8[], $3::int[]) AS t(b, w, n)
         ON CONFLICT (bucket, window_start) DO UPDATE SET count = c.count + EXCLUDED.count
         RETURNING c.bucket, (extract(epoch FROM c.window_start) * 1000)::float8 AS window, c.count`,
        [counters.map((c) => c.bucket), counters.map((c) => c.window), taken],
      );
      for (const row of rows) {
        const counter = this.counters.get(`${Number(row.window)}|${row.bucket}`);
        if (counter) counter.shared = Math.max(counter.shared ?? 0, row.count);
      }
    } catch (error) {
      counters.forEach((c, i) => (c.pending += taken[i])); // counted again at the next sync
      throw error;
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const current = Date.now() - (Date.now() % WINDOW_MS);
      for (const [id, counter] of this.counters) {
        if (counter.window < current - WINDOW_MS) this.counters.delete(id);
      }
      const pending = [...this.counters.values()].filter((c) => c.pending > 0);
      if (pending.length) this.sync(pending).catch(() => undefined);
      void this.connection()
        .query(`DELETE FROM rate_limit_counters WHERE window_start < now() - interval '2 minutes'`)
        .catch(() => undefined);
    }, SYNC_EVERY_MS);
    this.timer.unref();
  }

  private connection(): Pool {
    if (!this.pool) {
      const { url } = this.dataSource.options as { url: string };
      this.pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
      this.pool.on('error', () => undefined); // an idle client lost in a database restart; the next query reconnects
    }
    return this.pool;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.pool?.end();
  }
}

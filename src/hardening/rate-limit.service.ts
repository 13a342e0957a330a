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

const PRUNE_EVERY = 1000;

/**
 * Fixed one-minute windows counted in PostgreSQL (UNLOGGED `rate_limit_counters`), so every instance
 * behind a load balancer shares the same counts and the database clock decides the window. One upsert
 * per request, on a small pool of its own so throttling never waits behind the API's queries.
 */
@Injectable()
export class RateLimitService implements OnApplicationShutdown {
  private pool?: Pool;
  private hits = 0;

  constructor(private readonly dataSource: DataSource) {}

  private connection(): Pool {
    if (!this.pool) {
      const { url } = this.dataSource.options as { url: string };
      this.pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
      this.pool.on('error', () => undefined); // an idle client lost in a database restart; the next query reconnects
    }
    return this.pool;
  }

  async hit(bucket: string, limit: number): Promise<RateLimitState> {
    if (++this.hits % PRUNE_EVERY === 0) {
      void this.connection()
        .query(`DELETE FROM rate_limit_counters WHERE window_start < now() - interval '2 minutes'`)
        .catch(() => undefined);
    }
    const { rows } = await this.connection().query<{ count: number; reset: number }>(
      `INSERT INTO rate_limit_counters AS c (bucket, window_start, count)
       VALUES ($1, date_trunc('minute', now()), 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET count = c.count + 1
       RETURNING c.count, ceil(extract(epoch FROM c.window_start + interval '1 minute' - now()))::int AS reset`,
      [bucket],
    );
    const { count, reset } = rows[0];
    return { limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, reset), over: count > limit };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }
}

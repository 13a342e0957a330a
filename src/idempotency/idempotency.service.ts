import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { idempotencyKeyInProgress, unprocessable } from '../common/errors';

/** How long a duplicate waits for the first request with its key to finish before it gets a 409. */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 25;
const PRUNE_EVERY = 100;

interface StoredRow {
  request_hash: string;
  status: number | null;
  response: string | null;
  location: string | null;
  fresh: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idempotency-Key on POST, per account: the first request claims the key (a row with its request hash),
 * runs, and stores its 2xx response; a later request with the same key and the same request gets that
 * response back without running again (a concurrent one waits for the first to finish); the same key with
 * another request is a 422. A request that fails (4xx/5xx) releases its key, so it can be retried.
 * Keys expire after 24 h.
 */
@Injectable()
export class IdempotencyService {
  private requests = 0;

  constructor(private readonly db: DataSource) {}

  async run(accountId: string, key: string, hash: string, reply: FastifyReply, execute: () => Promise<unknown>) {
    if (++this.requests % PRUNE_EVERY === 0) {
      void this.db
        .query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`)
        .catch(() => undefined);
    }
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const claimed = await this.db.query(
        `INSERT INTO idempotency_keys (account_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, key) DO NOTHING RETURNING id`,
        [accountId, key, hash],
      );
      if (claimed.length) break;
      const [row] = await this.db.query<StoredRow[]>(
        `SELECT request_hash, status, response, location, created_at > now() - interval '24 hours' AS fresh
         FROM idempotency_keys WHERE account_id = $1 AND key = $2`,
        [accountId, key],
      );
      if (!row) continue; // released by a failed first request meanwhile: claim it
      if (!row.fresh) {
        await this.db.query(
          `DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND created_at <= now() - interval '24 hours'`,
          [accountId, key],
        );
        continue;
      }
      if (row.request_hash !== hash) {
        throw unprocessable('Idempotency-Key was already used with a different request');
      }
      if (row.status !== null) {
        reply.header('idempotent-replayed', 'true');
        if (row.location) reply.header('location', row.location);
        return row.response === null ? undefined : JSON.parse(row.response);
      }
      if (Date.now() > deadline) throw idempotencyKeyInProgress();
      await sleep(POLL_MS);
    }

    try {
      const result = await execute();
      const location = reply.getHeader('location');
      await this.db.query(
        `UPDATE idempotency_keys SET status = $3, response = $4, location = $5 WHERE account_id = $1 AND key = $2`,
        [accountId, key, reply.statusCode, result === undefined ? null : JSON.stringify(result), location ?? null],
      );
      return result;
    } catch (error) {
      await this.db
        .query(`DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND status IS NULL`, [accountId, key])
        .catch(() => undefined);
      throw error;
    }
  }
}

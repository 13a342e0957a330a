import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { idempotencyKeyInProgress, idempotentSecretNotReplayed, unprocessable } from '../common/errors';
import { carriesSecret } from '../common/serialization/secret-response';

/** How long a duplicate waits for the first request with its key to finish before it gets a 409. */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 25;
const PRUNE_EVERY = 100;
/** A running request holds its key this long, renewed every LEASE_RENEW_MS; a dead process's key lapses. */
export const LEASE_SECONDS = 30;
const LEASE_RENEW_MS = 10_000;

interface StoredRow {
  request_hash: string;
  status: number | null;
  response: string | null;
  location: string | null;
  secret: boolean;
}

/** Which key of which credential: `scope` is `key:<hash>` (an API key) or `user:<id>` (a session). */
export interface IdempotencyScope {
  accountId: string;
  scope: string;
  key: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WHERE = `account_id = $1 AND scope = $2 AND key = $3`;

/**
 * Idempotency-Key on POST, per credential (the API key or session user that sent it): the first request
 * claims the key (a row with its request hash and a 30 s lease it renews while it runs), runs, and stores
 * its 2xx response; a later request with the same key and the same request gets that response back
 * without running again (a concurrent one waits for the first to finish); the same key with another
 * request is a 422. A response that carries a secret (`secretResponse()`) is not stored: a replay answers
 * 409 saying so. A request that fails (4xx/5xx) releases its key; one whose process died holds it only
 * until its lease lapses. Keys expire after 24 h.
 */
@Injectable()
export class IdempotencyService {
  private requests = 0;

  constructor(private readonly db: DataSource) {}

  async run(id: IdempotencyScope, hash: string, reply: FastifyReply, execute: () => Promise<unknown>) {
    if (++this.requests % PRUNE_EVERY === 0) {
      void this.db
        .query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`)
        .catch(() => undefined);
    }
    const params = [id.accountId, id.scope, id.key];
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      // Expired keys and lapsed leases (an interrupted first request) are cleared, then the key is claimed.
      await this.db.query(
        `DELETE FROM idempotency_keys WHERE ${WHERE} AND (created_at <= now() - interval '24 hours'
           OR (status IS NULL AND lease_expires_at < now()))`,
        params,
      );
      const claimed = await this.db.query(
        `INSERT INTO idempotency_keys (account_id, scope, key, request_hash, lease_expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
         ON CONFLICT (account_id, scope, key) DO NOTHING RETURNING id`,
        [...params, hash, LEASE_SECONDS],
      );
      if (claimed.length) break;
      const [row] = await this.db.query<StoredRow[]>(
        `SELECT request_hash, status, response, location, secret FROM idempotency_keys WHERE ${WHERE}`,
        params,
      );
      if (!row) continue; // released meanwhile: claim it
      if (row.request_hash !== hash) {
        throw unprocessable('Idempotency-Key was already used with a different request');
      }
      if (row.status !== null) {
        reply.header('idempotent-replayed', 'true');
        if (row.location) reply.header('location', row.location);
        if (row.secret) throw idempotentSecretNotReplayed();
        return row.response === null ? undefined : JSON.parse(row.response);
      }
      if (Date.now() > deadline) throw idempotencyKeyInProgress();
      await sleep(POLL_MS);
    }

    const renew = setInterval(() => {
      void this.db
        .query(
          `UPDATE idempotency_keys SET lease_expires_at = now() + make_interval(secs => $4)
           WHERE ${WHERE} AND status IS NULL`,
          [...params, LEASE_SECONDS],
        )
        .catch(() => undefined);
    }, LEASE_RENEW_MS);
    renew.unref();
    try {
      const result = await execute();
      const location = reply.getHeader('location');
      const secret = carriesSecret(result);
      await this.db.query(
        `UPDATE idempotency_keys SET status = $4, response = $5, location = $6, secret = $7, lease_expires_at = NULL
         WHERE ${WHERE}`,
        [
          ...params,
          reply.statusCode,
          result === undefined || secret ? null : JSON.stringify(result),
          location ?? null,
          secret,
        ],
      );
      return result;
    } catch (error) {
      await this.db
        .query(`DELETE FROM idempotency_keys WHERE ${WHERE} AND status IS NULL`, params)
        .catch(() => undefined);
      throw error;
    } finally {
      clearInterval(renew);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters (UNLOGGED: a crash may reset the current minute, nothing else depends on them) and
 * idempotency keys (kept 24 h).
 */
export class Hardening1764400000000 implements MigrationInterface {
  name = 'Hardening1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE rate_limit_counters (
      bucket varchar(200) NOT NULL,
      window_start timestamptz(3) NOT NULL,
      count integer NOT NULL,
      PRIMARY KEY (bucket, window_start))`);
    await q.query(`CREATE TABLE idempotency_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      key varchar(255) NOT NULL,
      request_hash char(64) NOT NULL,
      status integer,
      response text,
      location text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT idempotency_keys_account_id_key_key UNIQUE (account_id, key))`);
    await q.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
    await q.query(`DROP TABLE IF EXISTS rate_limit_counters`);
  }
}

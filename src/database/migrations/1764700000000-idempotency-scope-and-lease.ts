import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys belong to the credential that sent them (`scope`: an API key's hash or a session's
 * user), a running request holds its key only for a lease it keeps renewing, and a response that carried
 * a secret is remembered only as such (`secret`, no body).
 */
export class IdempotencyScopeAndLease1764700000000 implements MigrationInterface {
  name = 'IdempotencyScopeAndLease1764700000000';

  async up(q: QueryRunner): Promise<void> {
    // Keys stored before had no scope: they cannot be told apart by credential, so they are dropped.
    await q.query(`DELETE FROM idempotency_keys`);
    await q.query(`ALTER TABLE idempotency_keys
      ADD COLUMN scope varchar(80) NOT NULL,
      ADD COLUMN secret boolean NOT NULL DEFAULT false,
      ADD COLUMN lease_expires_at timestamptz(3),
      DROP CONSTRAINT idempotency_keys_account_id_key_key,
      ADD CONSTRAINT idempotency_keys_account_id_scope_key_key UNIQUE (account_id, scope, key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM idempotency_keys`);
    await q.query(`ALTER TABLE idempotency_keys
      DROP CONSTRAINT idempotency_keys_account_id_scope_key_key,
      DROP COLUMN scope, DROP COLUMN secret, DROP COLUMN lease_expires_at,
      ADD CONSTRAINT idempotency_keys_account_id_key_key UNIQUE (account_id, key)`);
  }
}

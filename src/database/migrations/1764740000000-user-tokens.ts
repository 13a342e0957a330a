import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset and email verification: single-use, expiring tokens stored only as SHA-256 hashes (the link
 * in the mail is the only copy of a token), and when a user confirmed their email.
 */
export class UserTokens1764740000000 implements MigrationInterface {
  name = 'UserTokens1764740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email_confirmed_at timestamptz(3)`);
    await q.query(`CREATE TABLE user_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose varchar(32) NOT NULL,
      token_hash char(64) NOT NULL,
      expires_at timestamptz(3) NOT NULL,
      used_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT user_tokens_token_hash_key UNIQUE (token_hash),
      CONSTRAINT user_tokens_purpose_check CHECK (purpose IN ('password_reset', 'email_confirmation')))`);
    await q.query(`CREATE INDEX user_tokens_user_id_idx ON user_tokens (user_id, purpose)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS user_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS email_confirmed_at`);
  }
}

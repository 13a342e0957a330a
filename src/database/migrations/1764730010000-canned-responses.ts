import { MigrationInterface, QueryRunner } from 'typeorm';

/** Papercups' canned_responses: saved replies, one name per account. */
export class CannedResponses1764730010000 implements MigrationInterface {
  name = 'CannedResponses1764730010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE canned_responses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      name varchar(255) NOT NULL,
      content text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX canned_responses_account_id_name_key ON canned_responses (account_id, name)`);
    await q.query(`CREATE INDEX canned_responses_list_idx ON canned_responses (account_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS canned_responses`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Papercups' user_invitations: the id is the invite token (the dashboard links to /register/<id>). */
export class UserInvitations1764730030000 implements MigrationInterface {
  name = 'UserInvitations1764730030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE user_invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      inviter_id bigint REFERENCES users(id) ON DELETE SET NULL,
      email varchar(255),
      expires_at timestamptz(3) NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX user_invitations_account_id_idx ON user_invitations (account_id, created_at DESC)`);
    await q.query(`CREATE INDEX user_invitations_inviter_id_idx ON user_invitations (inviter_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS user_invitations`);
  }
}

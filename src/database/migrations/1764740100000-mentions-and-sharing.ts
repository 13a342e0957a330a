import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentions (Papercups' `mentions` table: who was mentioned in which message, and when they saw it), an index
 * for the archived list, and server secrets (the key that signs shared-conversation links, made once and
 * shared by every instance through the database).
 */
export class MentionsAndSharing1764740100000 implements MigrationInterface {
  name = 'MentionsAndSharing1764740100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE mentions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
      message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      seen_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT mentions_message_id_user_id_key UNIQUE (message_id, user_id))`);
    await q.query(`CREATE INDEX mentions_user_id_conversation_id_idx ON mentions (user_id, conversation_id)`);
    await q.query(`CREATE INDEX mentions_conversation_id_idx ON mentions (conversation_id)`);
    await q.query(
      `CREATE INDEX conversations_archived_idx ON conversations (account_id, last_activity_at DESC, id DESC) WHERE archived_at IS NOT NULL`,
    );
    await q.query(`CREATE TABLE server_secrets (
      name varchar(64) PRIMARY KEY,
      value text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS server_secrets`);
    await q.query(`DROP INDEX IF EXISTS conversations_archived_idx`);
    await q.query(`DROP TABLE IF EXISTS mentions`);
  }
}

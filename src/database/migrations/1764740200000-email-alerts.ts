import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email alerts read the event log (the outbox) from a cursor per account, and queue one row per agent and
 * event; a batch of an agent's rows becomes one mail. Existing accounts start at their latest event, so
 * deploying this sends nothing about the past.
 */
export class EmailAlerts1764740200000 implements MigrationInterface {
  name = 'EmailAlerts1764740200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE email_alert_cursors (
      account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      seq bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO email_alert_cursors (account_id, seq) SELECT account_id, seq FROM event_cursors`);
    await q.query(`CREATE TABLE email_alerts (
      id bigserial PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      event_seq bigint NOT NULL,
      kind varchar(32) NOT NULL,
      conversation_id uuid NOT NULL,
      customer_id uuid,
      body text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      sent_at timestamptz(3),
      CONSTRAINT email_alerts_kind_check CHECK (kind IN ('new_conversation', 'new_message')),
      CONSTRAINT email_alerts_event_key UNIQUE (account_id, event_seq, user_id))`);
    await q.query(`CREATE INDEX email_alerts_pending_idx ON email_alerts (user_id, created_at) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX email_alerts_sent_at_idx ON email_alerts (sent_at) WHERE sent_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS email_alerts`);
    await q.query(`DROP TABLE IF EXISTS email_alert_cursors`);
  }
}

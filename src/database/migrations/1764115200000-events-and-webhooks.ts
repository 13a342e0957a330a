import { MigrationInterface, QueryRunner } from 'typeorm';

const TS = 'timestamptz(3)';
const stamps = `created_at ${TS} NOT NULL DEFAULT now(), updated_at ${TS} NOT NULL DEFAULT now()`;

/** The event log (outbox), webhook subscriptions, deliveries and their attempts. */
export class EventsAndWebhooks1764115200000 implements MigrationInterface {
  name = 'EventsAndWebhooks1764115200000';

  async up(q: QueryRunner): Promise<void> {
    // One row per account: the last cursor handed out. Its row lock orders the account's events (see events.service.ts).
    await q.query(`CREATE TABLE event_cursors (
      account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      seq bigint NOT NULL DEFAULT 0)`);

    await q.query(`CREATE TABLE events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      type varchar(64) NOT NULL,
      payload json NOT NULL,
      created_at ${TS} NOT NULL DEFAULT now(),
      UNIQUE (account_id, seq))`);
    await q.query(`CREATE INDEX events_created_at_idx ON events (created_at)`);

    await q.query(`CREATE TABLE event_subscriptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      webhook_url text NOT NULL,
      scope varchar(255),
      event_types text[] NOT NULL,
      verified boolean NOT NULL DEFAULT false,
      secret varchar(64) NOT NULL,
      disabled_at ${TS},
      consecutive_failures integer NOT NULL DEFAULT 0,
      ${stamps})`);
    await q.query(
      `CREATE INDEX event_subscriptions_account_id_idx ON event_subscriptions (account_id, created_at DESC, id DESC)`,
    );

    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      subscription_id uuid NOT NULL REFERENCES event_subscriptions(id) ON DELETE CASCADE,
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at ${TS} NOT NULL DEFAULT now(),
      last_attempt_at ${TS},
      ${stamps},
      UNIQUE (subscription_id, event_id))`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (subscription_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX webhook_deliveries_event_id_idx ON webhook_deliveries (event_id)`);
    await q.query(`CREATE INDEX webhook_deliveries_account_id_idx ON webhook_deliveries (account_id)`);

    await q.query(`CREATE TABLE webhook_delivery_attempts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      status_code integer,
      error text,
      duration_ms integer NOT NULL,
      created_at ${TS} NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE INDEX webhook_delivery_attempts_delivery_id_idx ON webhook_delivery_attempts (delivery_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'webhook_delivery_attempts',
      'webhook_deliveries',
      'event_subscriptions',
      'events',
      'event_cursors',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared state of the real-time channels across instances: the live instances, their tracked presences and
 * broadcasts too large for a NOTIFY. All UNLOGGED: after a PostgreSQL crash they are empty, and every
 * instance re-registers itself and re-tracks its sockets' presences at its next heartbeat.
 */
export class Realtime1764600000000 implements MigrationInterface {
  name = 'Realtime1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE realtime_nodes (
      id uuid PRIMARY KEY,
      started_at timestamptz(3) NOT NULL DEFAULT now(),
      heartbeat_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNLOGGED TABLE realtime_presences (
      id bigserial PRIMARY KEY,
      node_id uuid NOT NULL REFERENCES realtime_nodes(id) ON DELETE CASCADE,
      topic varchar(255) NOT NULL,
      key varchar(255) NOT NULL,
      phx_ref varchar(32) NOT NULL,
      meta jsonb NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT realtime_presences_phx_ref_key UNIQUE (phx_ref))`);
    await q.query(`CREATE INDEX realtime_presences_topic_idx ON realtime_presences (topic)`);
    await q.query(`CREATE INDEX realtime_presences_node_id_idx ON realtime_presences (node_id)`);
    await q.query(`CREATE UNLOGGED TABLE realtime_payloads (
      id bigserial PRIMARY KEY,
      body text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX realtime_payloads_created_at_idx ON realtime_payloads (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS realtime_payloads`);
    await q.query(`DROP TABLE IF EXISTS realtime_presences`);
    await q.query(`DROP TABLE IF EXISTS realtime_nodes`);
  }
}

import { EVENTS_CHANNEL } from './event-types';

/**
 * Records an event in the caller's transaction, in one statement:
 *
 * 1. Takes the account's next cursor from `event_cursors` (`INSERT … ON CONFLICT DO UPDATE`). That row stays
 *    locked until the transaction ends, so a second writer in the same account waits there and only gets
 *    cursor n+1 after cursor n has committed (or rolled back, giving n back). Cursors therefore become
 *    visible in order, without gaps: a reader paging with `after=<cursor>` can never miss an event that
 *    commits later with a smaller cursor. The price is that writes of one account serialise from their first
 *    event to their commit; writes of different accounts never wait for each other.
 * 2. Inserts the event row.
 * 3. Queues a webhook delivery for every enabled, verified subscription of the account that wants this type
 *    (so deliveries are as durable as the change itself).
 * 4. `pg_notify` — PostgreSQL delivers it at commit, to every instance (live streams, delivery workers).
 */
export const RECORD_EVENT_SQL = `
WITH cursor AS (
  INSERT INTO event_cursors AS c (account_id, seq) VALUES ($1, 1)
  ON CONFLICT (account_id) DO UPDATE SET seq = c.seq + 1
  RETURNING seq
), event AS (
  INSERT INTO events (account_id, seq, type, payload)
  SELECT $1, seq, $2, $3::json FROM cursor
  RETURNING id, seq
), deliveries AS (
  INSERT INTO webhook_deliveries (account_id, subscription_id, event_id)
  SELECT $1, s.id, event.id FROM event_subscriptions s, event
  WHERE $4 AND s.account_id = $1 AND s.verified AND s.disabled_at IS NULL AND $2 = ANY (s.event_types)
)
SELECT event.id, event.seq, pg_notify('${EVENTS_CHANNEL}', $1 || ':' || event.seq) FROM event`;

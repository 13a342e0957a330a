/** Accounts whose event log has moved past their alert cursor (a missing cursor is 0: a new account). */
export const BEHIND_SQL = `
SELECT ec.account_id FROM event_cursors ec LEFT JOIN email_alert_cursors ac USING (account_id)
WHERE ec.seq > coalesce(ac.seq, 0) LIMIT $1`;

export const ENSURE_CURSOR_SQL = `INSERT INTO email_alert_cursors (account_id, seq) VALUES ($1, 0) ON CONFLICT DO NOTHING`;

/**
 * One statement, so it is atomic on its own: locks the account's alert cursor (another instance on the same
 * account skips it), reads the events after it, queues an alert per agent who wants each one (their user
 * settings; active users only), and moves the cursor past the events read. New conversations alert
 * `email_alert_on_new_conversation`; a customer's message that is not a private note alerts
 * `email_alert_on_new_message` (agents' own replies alert nobody). Answers how many events it read.
 */
export const FAN_OUT_SQL = `
WITH cursor AS (
  SELECT seq FROM email_alert_cursors WHERE account_id = $1 FOR UPDATE SKIP LOCKED
), ev AS (
  SELECT e.seq, e.type, e.payload::jsonb AS p FROM events e, cursor
  WHERE e.account_id = $1 AND e.seq > cursor.seq ORDER BY e.seq LIMIT $2
), queued AS (
  INSERT INTO email_alerts (account_id, user_id, event_seq, kind, conversation_id, customer_id, body)
  SELECT $1, u.id, ev.seq, a.kind, a.conversation_id, a.customer_id, a.body
  FROM ev
  CROSS JOIN LATERAL (
    SELECT 'new_conversation' AS kind, (ev.p->>'id')::uuid AS conversation_id,
           (ev.p->>'customer_id')::uuid AS customer_id, NULL::text AS body
    WHERE ev.type = 'conversation:created'
    UNION ALL
    SELECT 'new_message', (ev.p->>'conversation_id')::uuid, (ev.p->>'customer_id')::uuid, ev.p->>'body'
    WHERE ev.type = 'message:created' AND ev.p->>'customer_id' IS NOT NULL
      AND NOT coalesce((ev.p->>'private')::boolean, false)
  ) a
  JOIN users u ON u.account_id = $1 AND u.disabled_at IS NULL AND u.archived_at IS NULL
  JOIN user_settings s ON s.user_id = u.id
   AND CASE a.kind WHEN 'new_conversation' THEN s.email_alert_on_new_conversation ELSE s.email_alert_on_new_message END
  ON CONFLICT DO NOTHING
), moved AS (
  UPDATE email_alert_cursors c SET seq = (SELECT max(seq) FROM ev)
  WHERE c.account_id = $1 AND EXISTS (SELECT 1 FROM ev)
  RETURNING c.seq
)
SELECT (SELECT count(*) FROM ev)::int AS events`;

/** Agents with an alert waiting longer than the window (the database's clock: instances' clocks may differ). */
export const DUE_SQL = `
SELECT user_id FROM email_alerts WHERE sent_at IS NULL
GROUP BY user_id HAVING min(created_at) <= now() - $1 * interval '1 millisecond' LIMIT $2`;

/** Only one instance builds an agent's batch at a time; the lock ends with the transaction. */
export const LOCK_USER_SQL = `SELECT pg_try_advisory_xact_lock(7401, $1::int) AS locked`;

/** The agent's pending alerts, locked, with what the mail shows; `ripe`: older than the window. */
export const BATCH_SQL = `
SELECT a.id, a.kind, a.conversation_id, a.body, u.email AS to,
       cu.name AS customer_name, cu.email AS customer_email,
       a.created_at <= now() - $2 * interval '1 millisecond' AS ripe
FROM email_alerts a
JOIN users u ON u.id = a.user_id
LEFT JOIN conversations c ON c.id = a.conversation_id
LEFT JOIN customers cu ON cu.id = coalesce(a.customer_id, c.customer_id)
WHERE a.user_id = $1 AND a.sent_at IS NULL
ORDER BY a.id
FOR UPDATE OF a`;

export const MARK_SENT_SQL = `UPDATE email_alerts SET sent_at = now() WHERE id = ANY($1::bigint[])`;

export const PURGE_SQL = `DELETE FROM email_alerts WHERE sent_at < now() - interval '7 days'`;

import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** The webhook worker's poll (src/webhooks/webhook-worker.ts, CLAIM_SQL): it runs on a timer, not for `run`. */
const WORKER_POLL = /^\s*WITH due AS \(\s*SELECT d\.id FROM webhook_deliveries /;
/** The real-time presence heartbeat (src/realtime/presence/presence.service.ts): also on a timer. */
const PRESENCE_HEARTBEAT = /\brealtime_(nodes|payloads)\b/;

/** The email alert worker (src/email-alerts/email-alerts.sql.ts): on a timer and after events. */
const EMAIL_ALERTS = /\bemail_alert(s|_cursors)\b|pg_try_advisory_xact_lock\(7401,/;

/** The SQL statements `run` sends through TypeORM (the request's auth lookups included). */
export async function recordQueries(run: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  try {
    await run();
    return spy.mock.calls
      .map(([sql]) => sql)
      .filter((sql) => !WORKER_POLL.test(sql) && !PRESENCE_HEARTBEAT.test(sql) && !EMAIL_ALERTS.test(sql));
  } finally {
    spy.mockRestore();
  }
}

/** How many SQL statements `run` sends through TypeORM. */
export const countQueries = async (run: () => Promise<unknown>): Promise<number> => (await recordQueries(run)).length;

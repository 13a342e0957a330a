// EXPLAIN ANALYZE of the main statement behind each read scenario, to show which index serves it.
import { withClient } from './database.mjs';

const STATEMENTS = {
  'retrieve conversation (messages of one conversation)': [
    `SELECT m.* FROM messages m WHERE m.conversation_id = $1 ORDER BY m.created_at, m.id`,
    (s) => [s.conversationId],
  ],
  'list conversations ?status=open (page)': [
    `SELECT c.* FROM conversations c WHERE c.account_id = $1 AND c.archived_at IS NULL AND c.status = 'open'
     ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 21`,
    (s) => [s.accountId],
  ],
  'list conversations ?status=open (capped total)': [
    `SELECT count(*) FROM (SELECT 1 FROM conversations c WHERE c.account_id = $1 AND c.archived_at IS NULL
     AND c.status = 'open' LIMIT 10000) capped`,
    (s) => [s.accountId],
  ],
  'list messages of a conversation (page)': [
    `SELECT m.* FROM messages m WHERE m.account_id = $1 AND m.conversation_id = $2
     ORDER BY m.created_at DESC, m.id DESC LIMIT 1001`,
    (s) => [s.accountId, s.conversationId],
  ],
  'list customers ?name=alex (page)': [
    `SELECT c.* FROM customers c WHERE c.account_id = $1 AND c.name ILIKE '%alex%'
     ORDER BY c.last_seen_at DESC, c.id DESC LIMIT 51`,
    (s) => [s.accountId],
  ],
};

export async function explain(dbUrl, seeded) {
  return withClient(dbUrl, async (c) => {
    const out = [];
    for (const [name, [sql, params]] of Object.entries(STATEMENTS)) {
      const { rows } = await c.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params(seeded));
      out.push(`-- ${name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    return out.join('\n\n');
  });
}

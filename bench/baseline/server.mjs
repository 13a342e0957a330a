// The baseline: bare Fastify + pg answering the benchmark scenarios with the same SQL statements our server
// sends (auth lookup, page, count, related rows), the same pool size, and no framework in between.
// GET /constant answers a constant: the ceiling of Fastify itself.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pg from 'pg';

pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1082, (v) => v);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE) || 10,
});
const app = Fastify({ logger: false });

// Responses are rendered with the server's own mappers (pure functions in dist/), so both servers emit the
// same bytes and the ratio measures what sits between the socket and the SQL: Nest, TypeORM, validation.
const require = createRequire(import.meta.url);
const { toMessageResponse } = require('../../dist/src/messages/message.mapper.js');
const {
  toConversationResponse,
  toExpandedConversationResponse,
} = require('../../dist/src/conversations/conversation.mapper.js');
const { RECORD_EVENT_SQL } = require('../../dist/src/events/record-event.sql.js');
const { toCustomerResponse } = require('../../dist/src/customers/customer.mapper.js');

/** snake_case row (or to_jsonb object) → the entity-shaped object the mappers read. */
function entity(row) {
  if (!row) return row;
  const out = {};
  for (const [key, value] of Object.entries(row)) {
    const name = key.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    out[name] = typeof value === 'string' && name.endsWith('At') ? new Date(value) : value;
  }
  return out;
}

const MESSAGE_SQL = `SELECT m.*, to_jsonb(u) AS sender, to_jsonb(p) AS profile, to_jsonb(c) AS customer_row
  FROM messages m LEFT JOIN users u ON u.id = m.user_id LEFT JOIN user_profiles p ON p.user_id = u.id
  LEFT JOIN customers c ON c.id = m.customer_id`;

function messageEntity({ sender, profile, customer_row: customer, ...columns }) {
  return {
    ...entity(columns),
    user: sender ? { ...entity(sender), profile: entity(profile) } : null,
    customer: entity(customer),
  };
}

const tagLinks = (rows) => rows.map((r) => ({ tag: entity(r) }));

async function auth(request, reply) {
  const key = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  const hash = key && createHash('sha256').update(key).digest('hex');
  const { rows } = hash
    ? await pool.query(
        `SELECT k.id AS key_id, u.id AS user_id, u.account_id, u.email, u.role,
           (u.disabled_at IS NOT NULL OR u.archived_at IS NOT NULL) AS disabled
         FROM personal_api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = $1`,
        [hash],
      )
    : { rows: [] };
  if (!rows[0]) return reply.code(401).send({ error: { code: 401, status: 401, message: 'Not authenticated' } });
  request.user = rows[0];
}

const groupBy = (rows, key) => {
  const map = new Map();
  for (const row of rows) map.set(row[key], [...(map.get(row[key]) ?? []), row]);
  return map;
};

app.get('/constant', async () => ({ data: { ok: true } }));

app.get('/api/v1/me', { preHandler: auth }, async (request) => {
  const { user_id: id, account_id, email, role } = request.user;
  return { data: { id, account_id, email, role } };
});

app.get('/api/v1/conversations/:id', { preHandler: auth }, async (request, reply) => {
  const { rows } = await pool.query(
    `SELECT c.*, to_jsonb(cu) AS customer_row, to_jsonb(t) AS tag_row
     FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
     LEFT JOIN conversation_tags ct ON ct.conversation_id = c.id LEFT JOIN tags t ON t.id = ct.tag_id
     WHERE c.id = $1 AND c.account_id = $2`,
    [request.params.id, request.user.account_id],
  );
  if (!rows[0]) return reply.code(404).send({ error: { status: 404, message: 'Not found' } });
  const messages = await pool.query(`${MESSAGE_SQL} WHERE m.conversation_id = ANY($1) ORDER BY m.created_at, m.id`, [
    [rows[0].id],
  ]);
  const { customer_row: customer, tag_row: _tag, ...columns } = rows[0];
  const conversation = {
    ...entity(columns),
    customer: entity(customer),
    tagLinks: tagLinks(rows.filter((r) => r.tag_row).map((r) => r.tag_row)),
  };
  return { data: toExpandedConversationResponse(conversation, messages.rows.map(messageEntity)) };
});

app.get('/api/v1/conversations', { preHandler: auth }, async (request) => {
  const limit = Number(request.query.limit ?? 50);
  const filter = `c.account_id = $1 AND c.archived_at IS NULL AND c.status = $2`;
  const params = [request.user.account_id, request.query.status];
  const [page, count] = await Promise.all([
    pool.query(
      `SELECT c.*, to_jsonb(cu) AS customer_row FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
       WHERE ${filter} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ${limit + 1}`,
      params,
    ),
    pool.query(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM conversations c WHERE ${filter} LIMIT 10000) capped`,
      params,
    ),
  ]);
  const items = page.rows.slice(0, limit);
  const ids = items.map((r) => r.id);
  const [messages, tags] = await Promise.all([
    pool.query(`${MESSAGE_SQL} WHERE m.conversation_id = ANY($1) ORDER BY m.created_at, m.id`, [ids]),
    pool.query(
      `SELECT ct.conversation_id, t.* FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.conversation_id = ANY($1)`,
      [ids],
    ),
  ]);
  const byConversation = groupBy(messages.rows, 'conversation_id');
  const tagsBy = groupBy(tags.rows, 'conversation_id');
  return {
    data: items.map(({ customer_row: customer, ...columns }) =>
      toExpandedConversationResponse(
        { ...entity(columns), customer: entity(customer), tagLinks: tagLinks(tagsBy.get(columns.id) ?? []) },
        (byConversation.get(columns.id) ?? []).map(messageEntity),
      ),
    ),
    next: page.rows.length > limit ? 'cursor' : null,
    previous: null,
    limit,
    total: count.rows[0].total,
  };
});

app.get('/api/v1/messages', { preHandler: auth }, async (request) => {
  const limit = Number(request.query.limit ?? 50);
  const filter = `m.account_id = $1 AND m.conversation_id = $2`;
  const params = [request.user.account_id, request.query.conversation_id];
  const [page, count] = await Promise.all([
    pool.query(`${MESSAGE_SQL} WHERE ${filter} ORDER BY m.created_at DESC, m.id DESC LIMIT ${limit + 1}`, params),
    pool.query(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM messages m WHERE ${filter} LIMIT 10000) capped`,
      params,
    ),
  ]);
  return {
    data: page.rows.slice(0, limit).map((r) => toMessageResponse(messageEntity(r))),
    next: null,
    previous: null,
    limit,
    total: count.rows[0].total,
  };
});

app.post('/api/v1/messages', { preHandler: auth }, async (request, reply) => {
  const { body: text, conversation_id: conversationId } = request.body.message;
  const { account_id: accountId, user_id: userId } = request.user;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query('SELECT * FROM conversations WHERE id = $1 AND account_id = $2 FOR UPDATE', [
      conversationId,
      accountId,
    ]);
    if (!locked.rows[0]) throw new Error('no conversation');
    const replied = await client.query(
      'SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND user_id IS NOT NULL) AS e',
      [conversationId],
    );
    const inserted = await client.query(
      'INSERT INTO messages (account_id, conversation_id, user_id, body) VALUES ($1, $2, $3, $4) RETURNING id, created_at',
      [accountId, conversationId, userId, text],
    );
    const { id, created_at: createdAt } = inserted.rows[0];
    await client.query(
      `UPDATE conversations SET last_activity_at = $1, read = true, updated_at = now()
         ${replied.rows[0].e ? '' : ', assignee_id = $3, first_replied_at = $1'} WHERE id = $2`,
      replied.rows[0].e ? [createdAt, conversationId] : [createdAt, conversationId, userId],
    );
    // The same events as the server: message:created, then conversation:updated, in the transaction.
    const { rows } = await client.query(`${MESSAGE_SQL} WHERE m.id = $1 AND m.account_id = $2`, [id, accountId]);
    const message = toMessageResponse(messageEntity(rows[0]));
    await client.query(RECORD_EVENT_SQL, [accountId, 'message:created', JSON.stringify(message), true]);
    const conversation = await client.query('SELECT * FROM conversations WHERE id = $1', [conversationId]);
    await client.query(RECORD_EVENT_SQL, [
      accountId,
      'conversation:updated',
      JSON.stringify(toConversationResponse(entity(conversation.rows[0]))),
      true,
    ]);
    await client.query('COMMIT');
    return reply.code(201).send({ data: message });
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});

app.get('/api/v1/customers', { preHandler: auth }, async (request) => {
  const limit = Number(request.query.limit ?? 50);
  const filter = `c.account_id = $1 AND c.name ILIKE $2`;
  const params = [request.user.account_id, `%${request.query.name}%`];
  const [page, count] = await Promise.all([
    pool.query(
      `SELECT c.*, to_jsonb(co) AS company_row FROM customers c LEFT JOIN companies co ON co.id = c.company_id
       WHERE ${filter} ORDER BY c.last_seen_at DESC, c.id DESC LIMIT ${limit + 1}`,
      params,
    ),
    pool.query(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM customers c WHERE ${filter} LIMIT 10000) capped`,
      params,
    ),
  ]);
  const items = page.rows.slice(0, limit);
  const ids = items.map((r) => r.id);
  const [latest, tags] = await Promise.all([
    pool.query(
      `SELECT DISTINCT ON (customer_id) * FROM conversations WHERE account_id = $1 AND customer_id = ANY($2)
       ORDER BY customer_id, last_activity_at DESC, id DESC`,
      [request.user.account_id, ids],
    ),
    pool.query(
      `SELECT ct.customer_id, t.* FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ANY($1)`,
      [ids],
    ),
  ]);
  const latestBy = new Map(latest.rows.map((r) => [r.customer_id, r]));
  const tagsBy = groupBy(tags.rows, 'customer_id');
  return {
    data: items.map(({ company_row: company, ...columns }) =>
      toCustomerResponse(
        {
          ...entity(columns),
          company: company ? entity(company) : null,
          tagLinks: tagLinks(tagsBy.get(columns.id) ?? []),
        },
        latestBy.has(columns.id) ? [entity(latestBy.get(columns.id))] : [],
      ),
    ),
    next: page.rows.length > limit ? 'cursor' : null,
    previous: null,
    limit,
    total: count.rows[0].total,
  };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});

// The baseline: bare Fastify + pg answering the benchmark scenarios with plain parameterised SQL (the rows
// our server reads: auth, page, capped count, related rows), the same pool size, and no framework in between.
// Rows are rendered to the response shape right here, field by field, with no mappers, entities or Date
// objects: the ratio then shows everything our server adds, its rendering included. GET /constant (in
// common.mjs) answers a constant: the ceiling of Fastify itself.
import { createRequire } from 'node:module';
import { app, countSql, groupBy, listen, naive, pageOf, pool, utc } from './common.mjs';

// The one statement shared with our server: recording an event (cursor, row, webhook deliveries, notify).
const { RECORD_EVENT_SQL } = createRequire(import.meta.url)('../../dist/src/events/record-event.sql.js');

/** `alias.column AS prefix_column, …` */
const cols = (alias, prefix, names) => names.map((n) => `${alias}.${n} AS ${prefix}${n}`).join(', ');

// users u + user_profiles p → user.json (profile fields null without a profile).
const USER_COLUMNS = `${cols('u', 'u_', ['id', 'archived_at', 'created_at', 'disabled_at', 'email', 'role'])},
  ${cols('p', 'u_', ['display_name', 'full_name', 'profile_photo_url'])}`;
const user = (r) => ({
  id: r.u_id,
  object: 'user',
  archived_at: utc(r.u_archived_at),
  created_at: naive(r.u_created_at),
  disabled_at: utc(r.u_disabled_at),
  display_name: r.u_display_name,
  email: r.u_email,
  full_name: r.u_full_name,
  profile_photo_url: r.u_profile_photo_url,
  role: r.u_role,
});

const BASIC_CUSTOMER = ['id', 'browser', 'company_id', 'created_at', 'current_url', 'email', 'external_id', 'host'];
const CUSTOMER_COLUMNS = [
  ...BASIC_CUSTOMER,
  ...['metadata', 'name', 'os', 'pathname', 'phone', 'profile_photo_url', 'updated_at'],
  ...['browser_language', 'browser_version', 'first_seen', 'ip', 'last_seen_at', 'lib', 'screen_height'],
  ...['screen_width', 'time_zone'],
];
/** customer basic.json (nested in messages). */
const basicCustomer = (r, p) => ({
  id: r[`${p}id`],
  object: 'customer',
  browser: r[`${p}browser`],
  company_id: r[`${p}company_id`],
  created_at: naive(r[`${p}created_at`]),
  current_url: r[`${p}current_url`],
  email: r[`${p}email`],
  external_id: r[`${p}external_id`],
  host: r[`${p}host`],
  metadata: r[`${p}metadata`],
  name: r[`${p}name`],
  os: r[`${p}os`],
  pathname: r[`${p}pathname`],
  phone: r[`${p}phone`],
  profile_photo_url: r[`${p}profile_photo_url`],
  title: r[`${p}name`] || r[`${p}email`] || 'Anonymous User',
  updated_at: naive(r[`${p}updated_at`]),
});
/** customer.json without associations. */
const customer = (r, p) => ({
  ...basicCustomer(r, p),
  browser_language: r[`${p}browser_language`],
  browser_version: r[`${p}browser_version`],
  first_seen: r[`${p}first_seen`],
  ip: r[`${p}ip`],
  last_seen: r[`${p}last_seen_at`].slice(0, 10),
  last_seen_at: utc(r[`${p}last_seen_at`]),
  lib: r[`${p}lib`],
  screen_height: r[`${p}screen_height`],
  screen_width: r[`${p}screen_width`],
  time_zone: r[`${p}time_zone`],
});

const CONVERSATION_COLUMNS =
  'c.id, c.account_id, c.assignee_id, c.closed_at, c.created_at, c.customer_id, c.inbox_id, c.last_activity_at, c.metadata, c.priority, c.read, c.source, c.status, c.subject';
/** conversation basic.json. */
const conversation = (r) => ({
  id: r.id,
  object: 'conversation',
  account_id: r.account_id,
  assignee_id: r.assignee_id,
  closed_at: utc(r.closed_at),
  created_at: naive(r.created_at),
  customer_id: r.customer_id,
  inbox_id: r.inbox_id,
  last_activity_at: utc(r.last_activity_at),
  metadata: r.metadata,
  priority: r.priority,
  read: r.read,
  source: r.source,
  status: r.status,
  subject: r.subject,
});

const MESSAGE_SQL = `SELECT m.id, m.account_id, m.body, m.content_type, m.conversation_id, m.created_at, m.customer_id,
    m.metadata, m.private, m.seen_at, m.sent_at, m.source, m.type, m.user_id,
    ${USER_COLUMNS}, ${cols('mc', 'mc_', CUSTOMER_COLUMNS.slice(0, 15))}
  FROM messages m LEFT JOIN users u ON u.id = m.user_id LEFT JOIN user_profiles p ON p.user_id = u.id
  LEFT JOIN customers mc ON mc.id = m.customer_id`;
const ATTACHMENT_SQL = `SELECT mf.message_id, f.id, f.file_url, f.content_type, f.filename
  FROM message_files mf JOIN files f ON f.id = mf.file_id`;
/** message expanded.json; `files` are the message's attachment rows. */
const message = (r, files = []) => ({
  id: r.id,
  object: 'message',
  account_id: r.account_id,
  attachments: files.map((f) => ({
    id: f.id,
    object: 'file',
    file_url: f.file_url,
    content_type: f.content_type,
    filename: f.filename,
  })),
  body: r.body,
  content_type: r.content_type,
  conversation_id: r.conversation_id,
  created_at: naive(r.created_at),
  ...(r.mc_id ? { customer: basicCustomer(r, 'mc_') } : {}),
  customer_id: r.customer_id,
  metadata: r.metadata,
  private: r.private,
  seen_at: utc(r.seen_at),
  sent_at: utc(r.sent_at),
  source: r.source,
  type: r.type,
  user: r.u_id === null ? null : user(r),
  user_id: r.user_id,
});

const tag = (r) => ({
  id: r.id,
  object: 'tag',
  color: r.color,
  created_at: naive(r.created_at),
  description: r.description,
  name: r.name,
  updated_at: naive(r.updated_at),
});
const TAG_COLUMNS = 't.id, t.color, t.created_at, t.description, t.name, t.updated_at';

const MENTION_SQL = `SELECT mn.id, mn.account_id, mn.created_at, mn.seen_at, mn.conversation_id, mn.message_id,
    mn.user_id, ${USER_COLUMNS}
  FROM mentions mn LEFT JOIN users u ON u.id = mn.user_id LEFT JOIN user_profiles p ON p.user_id = u.id
  WHERE mn.conversation_id = ANY($1) ORDER BY mn.created_at, mn.id`;
const mention = (r) => ({
  id: r.id,
  object: 'mention',
  account_id: r.account_id,
  created_at: naive(r.created_at),
  seen_at: utc(r.seen_at),
  conversation_id: r.conversation_id,
  message_id: r.message_id,
  user_id: r.user_id,
  user: r.u_id === null ? null : user(r),
});

// An expanded conversation embeds its latest 100 messages, oldest first: an index seek per conversation.
const LATEST_IDS = `SELECT l.id FROM unnest($1::uuid[]) AS c(id) CROSS JOIN LATERAL
  (SELECT m.id FROM messages m WHERE m.conversation_id = c.id ORDER BY m.created_at DESC, m.id DESC LIMIT 100) l`;

/** Messages (with attachments), tags and mentions of many conversations: four queries at once. */
async function embedded(ids) {
  const [messages, files, tags, mentions] = await Promise.all([
    pool.query(`${MESSAGE_SQL} WHERE m.id IN (${LATEST_IDS}) ORDER BY m.created_at, m.id`, [ids]),
    pool.query(`${ATTACHMENT_SQL} WHERE mf.message_id IN (${LATEST_IDS})`, [ids]),
    pool.query(
      `SELECT ct.conversation_id, ${TAG_COLUMNS} FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
       WHERE ct.conversation_id = ANY($1) ORDER BY ct.created_at`,
      [ids],
    ),
    pool.query(MENTION_SQL, [ids]),
  ]);
  const filesBy = groupBy(files.rows, 'message_id');
  return {
    messages: groupBy(
      messages.rows.map((r) => message(r, filesBy.get(r.id))),
      'conversation_id',
    ),
    tags: groupBy(tags.rows, 'conversation_id'),
    mentions: groupBy(mentions.rows, 'conversation_id'),
  };
}

/** expanded.json: `r` has the conversation's columns and its customer's, prefixed `cu_`. */
const expanded = (r, { messages, tags, mentions }) => ({
  ...conversation(r),
  customer: r.cu_id === null ? null : customer(r, 'cu_'),
  mentions: (mentions.get(r.id) ?? []).map(mention),
  messages: messages.get(r.id) ?? [],
  tags: (tags.get(r.id) ?? []).map(tag),
});
const CONVERSATION_SQL = `SELECT ${CONVERSATION_COLUMNS}, ${cols('cu', 'cu_', CUSTOMER_COLUMNS)}
  FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id`;

app.get('/api/v1/conversations/:id', async (request, reply) => {
  const { id } = request.params;
  // The conversation and what it embeds at once; the embedded rows are only used if it is in the account.
  const [{ rows }, related] = await Promise.all([
    pool.query(`${CONVERSATION_SQL} WHERE c.id = $1 AND c.account_id = $2`, [id, request.user.account_id]),
    embedded([id]),
  ]);
  if (!rows[0]) return reply.code(404).send({ error: { status: 404, message: 'Not found' } });
  return { data: expanded(rows[0], related) };
});

app.get('/api/v1/conversations', async (request) => {
  const limit = Number(request.query.limit ?? 50);
  const filter = `c.account_id = $1 AND c.archived_at IS NULL AND c.status = $2`;
  const params = [request.user.account_id, request.query.status];
  const [page, count] = await Promise.all([
    pool.query(
      `${CONVERSATION_SQL} WHERE ${filter} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ${limit + 1}`,
      params,
    ),
    pool.query(countSql('conversations c', filter), params),
  ]);
  const items = page.rows.slice(0, limit);
  const related = await embedded(items.map((r) => r.id));
  return pageOf(
    items.map((r) => expanded(r, related)),
    page.rows.length > limit,
    limit,
    count.rows[0].total,
  );
});

app.get('/api/v1/messages', async (request) => {
  // No `limit`: the whole list up to 1000 rows, as our server (and Papercups) answer it.
  const limit = Number(request.query.limit ?? 1000);
  const filter = `m.account_id = $1 AND m.conversation_id = $2`;
  const params = [request.user.account_id, request.query.conversation_id];
  const [page, count] = await Promise.all([
    pool.query(`${MESSAGE_SQL} WHERE ${filter} ORDER BY m.created_at DESC, m.id DESC LIMIT ${limit + 1}`, params),
    pool.query(countSql('messages m', filter), params),
  ]);
  const items = page.rows.slice(0, limit);
  const files = await pool.query(`${ATTACHMENT_SQL} WHERE mf.message_id = ANY($1)`, [items.map((r) => r.id)]);
  const filesBy = groupBy(files.rows, 'message_id');
  return pageOf(
    items.map((r) => message(r, filesBy.get(r.id))),
    page.rows.length > limit,
    limit,
    count.rows[0].total,
  );
});

const COMPANY_COLUMNS = ['id', 'account_id', 'created_at', 'description', 'external_id', 'industry'];
COMPANY_COLUMNS.push('logo_image_url', 'metadata', 'name', 'slack_channel_id', 'slack_channel_name');
COMPANY_COLUMNS.push('slack_team_id', 'slack_team_name', 'updated_at', 'website_url');
const company = (r) => ({
  id: r.co_id,
  object: 'company',
  account_id: r.co_account_id,
  created_at: naive(r.co_created_at),
  description: r.co_description,
  external_id: r.co_external_id,
  industry: r.co_industry,
  logo_image_url: r.co_logo_image_url,
  metadata: r.co_metadata,
  name: r.co_name,
  slack_channel_id: r.co_slack_channel_id,
  slack_channel_name: r.co_slack_channel_name,
  slack_team_id: r.co_slack_team_id,
  slack_team_name: r.co_slack_team_name,
  updated_at: naive(r.co_updated_at),
  website_url: r.co_website_url,
});

app.get('/api/v1/customers', async (request) => {
  const limit = Number(request.query.limit ?? 50);
  const filter = `cu.account_id = $1 AND cu.name ILIKE $2`;
  const params = [request.user.account_id, `%${request.query.name}%`];
  const [page, count] = await Promise.all([
    pool.query(
      `SELECT ${cols('cu', 'cu_', CUSTOMER_COLUMNS)}, ${cols('co', 'co_', COMPANY_COLUMNS)}
       FROM customers cu LEFT JOIN companies co ON co.id = cu.company_id
       WHERE ${filter} ORDER BY cu.last_seen_at DESC, cu.id DESC LIMIT ${limit + 1}`,
      params,
    ),
    pool.query(countSql('customers cu', filter), params),
  ]);
  const items = page.rows.slice(0, limit);
  const ids = items.map((r) => r.cu_id);
  const [latest, tags] = await Promise.all([
    pool.query(
      `SELECT DISTINCT ON (c.customer_id) ${CONVERSATION_COLUMNS} FROM conversations c
       WHERE c.account_id = $1 AND c.customer_id = ANY($2) ORDER BY c.customer_id, c.last_activity_at DESC, c.id DESC`,
      [request.user.account_id, ids],
    ),
    pool.query(
      `SELECT ct.customer_id, ${TAG_COLUMNS} FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
       WHERE ct.customer_id = ANY($1) ORDER BY ct.created_at`,
      [ids],
    ),
  ]);
  const latestBy = new Map(latest.rows.map((r) => [r.customer_id, r]));
  const tagsBy = groupBy(tags.rows, 'customer_id');
  return pageOf(
    items.map((r) => ({
      ...customer(r, 'cu_'),
      company: r.co_id === null ? null : company(r),
      tags: (tagsBy.get(r.cu_id) ?? []).map(tag),
      conversations: latestBy.has(r.cu_id) ? [conversation(latestBy.get(r.cu_id))] : [],
    })),
    page.rows.length > limit,
    limit,
    count.rows[0].total,
  );
});

/** BEGIN … COMMIT around `work(client)`, ROLLBACK on error. */
async function transaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** message:created with the message as the API renders it (sender joined). */
async function recordMessageCreated(client, accountId, id) {
  const { rows } = await client.query(`${MESSAGE_SQL} WHERE m.id = $1 AND m.account_id = $2`, [id, accountId]);
  const files = await client.query(`${ATTACHMENT_SQL} WHERE mf.message_id = $1`, [id]);
  const created = message(rows[0], files.rows);
  await client.query(RECORD_EVENT_SQL, [accountId, 'message:created', JSON.stringify(created), true]);
  return created;
}

// A reply, as ours writes it: lock the conversation, first-reply check, insert, update the conversation,
// message:created then conversation:updated, in one transaction.
app.post('/api/v1/messages', async (request, reply) => {
  const { body: text, conversation_id: conversationId } = request.body.message;
  const { account_id: accountId, user_id: userId } = request.user;
  const created = await transaction(async (client) => {
    const locked = await client.query(
      `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = $1 AND c.account_id = $2 FOR UPDATE`,
      [conversationId, accountId],
    );
    if (!locked.rows[0]) throw new Error('no conversation');
    const replied = await client.query(
      'SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND user_id IS NOT NULL) AS e',
      [conversationId],
    );
    const first = !replied.rows[0].e;
    const inserted = await client.query(
      'INSERT INTO messages (account_id, conversation_id, user_id, body) VALUES ($1, $2, $3, $4) RETURNING id, created_at',
      [accountId, conversationId, userId, text],
    );
    const { id, created_at: createdAt } = inserted.rows[0];
    await client.query(
      `UPDATE conversations SET last_activity_at = $1, read = true, updated_at = now()
       ${first ? ', assignee_id = $3, first_replied_at = $1' : ''} WHERE id = $2`,
      first ? [createdAt, conversationId, userId] : [createdAt, conversationId],
    );
    const message = await recordMessageCreated(client, accountId, id);
    // As ours: the locked row plus the changes is the updated row, no read back.
    const updated = { ...locked.rows[0], last_activity_at: createdAt, read: true };
    if (first) updated.assignee_id = userId;
    await client.query(RECORD_EVENT_SQL, [
      accountId,
      'conversation:updated',
      JSON.stringify(conversation(updated)),
      true,
    ]);
    return message;
  });
  return reply.code(201).send({ data: created });
});

// A conversation with its first message, as ours writes it: the customer checked, the primary inbox looked
// up, the conversation inserted, conversation:created, the message inserted, message:created; one transaction.
app.post('/api/v1/conversations', async (request, reply) => {
  const { customer_id: customerId, source, status, message: first } = request.body.conversation;
  const { account_id: accountId, user_id: userId } = request.user;
  const created = await transaction(async (client) => {
    const known = await client.query('SELECT 1 FROM customers WHERE id = $1 AND account_id = $2', [
      customerId,
      accountId,
    ]);
    if (!known.rows[0]) throw new Error('no customer');
    const inbox = await client.query('SELECT id FROM inboxes WHERE account_id = $1 AND is_primary LIMIT 1', [
      accountId,
    ]);
    const { rows } = await client.query(
      `INSERT INTO conversations (account_id, customer_id, inbox_id, source, status, last_activity_at, closed_at)
       VALUES ($1, $2, $3, $4, $5::text, now(), CASE WHEN $5::text = 'closed' THEN now() END)
       RETURNING id, account_id, assignee_id, closed_at, created_at, customer_id, inbox_id, last_activity_at,
         metadata, priority, read, source, status, subject`,
      [accountId, customerId, inbox.rows[0]?.id ?? null, source ?? 'chat', status ?? 'open'],
    );
    const view = conversation(rows[0]);
    await client.query(RECORD_EVENT_SQL, [accountId, 'conversation:created', JSON.stringify(view), true]);
    if (first) {
      const inserted = await client.query(
        'INSERT INTO messages (account_id, conversation_id, user_id, body) VALUES ($1, $2, $3, $4) RETURNING id',
        [accountId, view.id, userId, first.body],
      );
      await recordMessageCreated(client, accountId, inserted.rows[0].id);
    }
    return view;
  });
  return reply.code(201).send({ data: created });
});

await listen();

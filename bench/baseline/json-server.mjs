// The stricter baseline: bare Fastify + pg where PostgreSQL builds the whole response body (json_build_object,
// json_agg) in one statement per request, and Node only sends the text it gets back. It answers the three
// expanded reads (retrieve conversation, list conversations, list messages) with our exact bodies; it shows
// what is left when neither an ORM nor JavaScript rendering sits between the rows and the socket.
// (PostgreSQL's json text has a space around each `:` and after each `,`: about 10 % more bytes than ours, the
// same JSON once parsed; json stays unsorted, jsonb would be compact but reorders the keys.)
import { app, listen, pool } from './common.mjs';

const naive = (x) => `to_char(${x} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')`;
const utc = (x) => `to_char(${x} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** [key, SQL expression] pairs → json_build_object(…), keys in our responses' order. */
const object = (fields) => `json_build_object(${fields.map(([k, v]) => `'${k}', ${v}`).join(', ')})`;
const list = (expression, from, order) => `COALESCE((SELECT json_agg(${expression} ORDER BY ${order}) ${from}), '[]')`;
const plain = (alias, names) => names.map((n) => [n, `${alias}.${n}`]);

const user = (u, p) =>
  `CASE WHEN ${u}.id IS NOT NULL THEN ${object([
    ['id', `${u}.id`],
    ['object', `'user'`],
    ['archived_at', utc(`${u}.archived_at`)],
    ['created_at', naive(`${u}.created_at`)],
    ['disabled_at', utc(`${u}.disabled_at`)],
    ['display_name', `${p}.display_name`],
    ['email', `${u}.email`],
    ['full_name', `${p}.full_name`],
    ['profile_photo_url', `${p}.profile_photo_url`],
    ['role', `${u}.role`],
  ])} END`;
const USER_JOIN = (u, p, id) =>
  `LEFT JOIN users ${u} ON ${u}.id = ${id} LEFT JOIN user_profiles ${p} ON ${p}.user_id = ${u}.id`;

const basicCustomer = (c) => [
  ['id', `${c}.id`],
  ['object', `'customer'`],
  ...plain(c, ['browser', 'company_id']),
  ['created_at', naive(`${c}.created_at`)],
  ...plain(c, ['current_url', 'email', 'external_id', 'host', 'metadata', 'name', 'os', 'pathname', 'phone']),
  ['profile_photo_url', `${c}.profile_photo_url`],
  ['title', `COALESCE(NULLIF(${c}.name, ''), NULLIF(${c}.email, ''), 'Anonymous User')`],
  ['updated_at', naive(`${c}.updated_at`)],
];
const customer = (c) =>
  object([
    ...basicCustomer(c),
    ...plain(c, ['browser_language', 'browser_version', 'first_seen', 'ip']),
    ['last_seen', `to_char(${c}.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`],
    ['last_seen_at', utc(`${c}.last_seen_at`)],
    ...plain(c, ['lib', 'screen_height', 'screen_width', 'time_zone']),
  ]);

const attachments = list(
  object([['id', 'f.id'], ['object', `'file'`], ...plain('f', ['file_url', 'content_type', 'filename'])]),
  'FROM message_files mf JOIN files f ON f.id = mf.file_id WHERE mf.message_id = m.id',
  'mf.created_at, mf.id',
);
/** message expanded.json of `m` (joined: users u, user_profiles p, customers mc); `customer` only when it has one. */
const message = (() => {
  const head = [
    ...plain('m', ['id']),
    ['object', `'message'`],
    ['account_id', 'm.account_id'],
    ['attachments', attachments],
    ...plain('m', ['body', 'content_type', 'conversation_id']),
    ['created_at', naive('m.created_at')],
  ];
  const tail = [
    ...plain('m', ['customer_id', 'metadata', 'private']),
    ['seen_at', utc('m.seen_at')],
    ['sent_at', utc('m.sent_at')],
    ...plain('m', ['source', 'type']),
    ['user', user('u', 'p')],
    ['user_id', 'm.user_id'],
  ];
  const withCustomer = object([...head, ['customer', object(basicCustomer('mc'))], ...tail]);
  return `CASE WHEN mc.id IS NULL THEN ${object([...head, ...tail])} ELSE ${withCustomer} END`;
})();
const MESSAGE_JOINS = `${USER_JOIN('u', 'p', 'm.user_id')} LEFT JOIN customers mc ON mc.id = m.customer_id`;

const tag = object([
  ['id', 't.id'],
  ['object', `'tag'`],
  ['color', 't.color'],
  ['created_at', naive('t.created_at')],
  ...plain('t', ['description', 'name']),
  ['updated_at', naive('t.updated_at')],
]);
const mention = object([
  ['id', 'mn.id'],
  ['object', `'mention'`],
  ['account_id', 'mn.account_id'],
  ['created_at', naive('mn.created_at')],
  ['seen_at', utc('mn.seen_at')],
  ...plain('mn', ['conversation_id', 'message_id', 'user_id']),
  ['user', user('mu', 'mp')],
]);

/** expanded.json of `c`: its customer, mentions, latest 100 messages oldest first, tags. */
const expanded = object([
  ['id', 'c.id'],
  ['object', `'conversation'`],
  ...plain('c', ['account_id', 'assignee_id']),
  ['closed_at', utc('c.closed_at')],
  ['created_at', naive('c.created_at')],
  ...plain('c', ['customer_id', 'inbox_id']),
  ['last_activity_at', utc('c.last_activity_at')],
  ...plain('c', ['metadata', 'priority', 'read', 'source', 'status', 'subject']),
  ['customer', `(SELECT ${customer('cu')} FROM customers cu WHERE cu.id = c.customer_id)`],
  [
    'mentions',
    list(
      mention,
      `FROM mentions mn ${USER_JOIN('mu', 'mp', 'mn.user_id')} WHERE mn.conversation_id = c.id`,
      'mn.created_at, mn.id',
    ),
  ],
  [
    'messages',
    list(
      message,
      `FROM (SELECT * FROM messages WHERE conversation_id = c.id ORDER BY created_at DESC, id DESC LIMIT 100) m ${MESSAGE_JOINS}`,
      'm.created_at, m.id',
    ),
  ],
  [
    'tags',
    list(
      tag,
      'FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.conversation_id = c.id',
      'ct.created_at',
    ),
  ],
]);

/** The list envelope around `limit + 1` rows of `page` (the extra one only says whether there is a next page). */
const envelope = ({ item, page, from, order, limit, count }) => `WITH page AS (${page})
  SELECT json_build_object(
    'data', ${list(item, `FROM (SELECT * FROM page ORDER BY ${order.replaceAll(`${from[0]}.`, '')} LIMIT ${limit}) ${from}`, order)},
    'next', CASE WHEN (SELECT count(*) FROM page) > ${limit} THEN 'cursor' END,
    'previous', NULL, 'limit', ${limit}, 'total', (${count}))::text AS body`;
const capped = (from, filter) => `SELECT count(*)::int FROM (SELECT 1 FROM ${from} WHERE ${filter} LIMIT 10000) capped`;

/** Sends PostgreSQL's text as it is. */
const send = (reply, rows) =>
  rows[0] ? reply.type('application/json').send(rows[0].body) : reply.code(404).send({ error: { status: 404 } });

const RETRIEVE_SQL = `SELECT json_build_object('data', ${expanded})::text AS body
  FROM conversations c WHERE c.id = $1 AND c.account_id = $2`;
app.get('/api/v1/conversations/:id', async (request, reply) => {
  send(reply, (await pool.query(RETRIEVE_SQL, [request.params.id, request.user.account_id])).rows);
});

const CONVERSATION_FILTER = 'c.account_id = $1 AND c.archived_at IS NULL AND c.status = $2';
app.get('/api/v1/conversations', async (request, reply) => {
  const limit = Number(request.query.limit ?? 50);
  const order = 'c.last_activity_at DESC, c.id DESC';
  const sql = envelope({
    item: expanded,
    page: `SELECT * FROM conversations c WHERE ${CONVERSATION_FILTER} ORDER BY ${order} LIMIT ${limit + 1}`,
    from: 'c',
    order,
    limit,
    count: capped('conversations c', CONVERSATION_FILTER),
  });
  send(reply, (await pool.query(sql, [request.user.account_id, request.query.status])).rows);
});

const MESSAGE_FILTER = 'm.account_id = $1 AND m.conversation_id = $2';
app.get('/api/v1/messages', async (request, reply) => {
  const limit = Number(request.query.limit ?? 1000); // no `limit`: the whole list, up to 1000
  const order = 'm.created_at DESC, m.id DESC';
  const sql = envelope({
    item: message,
    page: `SELECT * FROM messages m WHERE ${MESSAGE_FILTER} ORDER BY ${order} LIMIT ${limit + 1}`,
    from: `m ${MESSAGE_JOINS}`,
    order,
    limit,
    count: capped('messages m', MESSAGE_FILTER),
  });
  send(reply, (await pool.query(sql, [request.user.account_id, request.query.conversation_id])).rows);
});

await listen();

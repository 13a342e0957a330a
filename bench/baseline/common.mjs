// What both baselines share: the pool, Fastify, API-key auth, GET /constant and GET /me, start and stop.
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

pg.types.setTypeParser(20, Number); // bigint ids (users) are JSON numbers
pg.types.setTypeParser(1082, (v) => v); // date: as PostgreSQL writes it
// timestamptz: the text PostgreSQL sends (the session is UTC), sliced by naive()/utc(), no Date in between.
pg.types.setTypeParser(1184, (v) => v);

export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE) || 10,
  options: '-c TimeZone=UTC',
});
export const app = Fastify({ logger: false });

/** "2026-12-02 07:20:12.123+00" (or to_jsonb's "2026-12-02T07:20:12.123+00:00") → Papercups' naive "2026-12-02T07:20:12". */
export const naive = (t) => `${t.slice(0, 10)}T${t.slice(11, 19)}`;
/** → "2026-12-02T07:20:12Z", null stays null. */
export const utc = (t) => (t === null ? null : `${t.slice(0, 10)}T${t.slice(11, 19)}Z`);

export const groupBy = (rows, key) => {
  const map = new Map();
  for (const row of rows) {
    const list = map.get(row[key]);
    if (list) list.push(row);
    else map.set(row[key], [row]);
  }
  return map;
};

/** A page's envelope; cursors are placeholders (the body check compares only whether they are present). */
export const pageOf = (data, hasMore, limit, total) => ({
  data,
  next: hasMore ? 'cursor' : null,
  previous: null,
  limit,
  total,
});

/** The capped `total` every list reports (our countCapped: at most 10 000 rows scanned). */
export const countSql = (from, filter) =>
  `SELECT count(*)::int AS total FROM (SELECT 1 FROM ${from} WHERE ${filter} LIMIT 10000) capped`;

// Like ours, a key seen recently is served from memory (our API_KEY_CACHE_TTL_MS default, 10 s): the
// baseline must not pay a query per request that our server does not pay either.
const KEY_TTL_MS = 10_000;
const keys = new Map();

async function auth(request, reply) {
  const key = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  const hash = key && createHash('sha256').update(key).digest('hex');
  const cached = hash && keys.get(hash);
  if (cached && cached.until > Date.now()) {
    request.user = cached.user;
    return;
  }
  const { rows } = hash
    ? await pool.query(
        `SELECT k.id AS key_id, u.id AS user_id, u.account_id, u.email, u.role
         FROM personal_api_keys k JOIN users u ON u.id = k.user_id
         WHERE k.key_hash = $1 AND u.disabled_at IS NULL AND u.archived_at IS NULL`,
        [hash],
      )
    : { rows: [] };
  if (!rows[0]) return reply.code(401).send({ error: { code: 401, status: 401, message: 'Not authenticated' } });
  keys.set(hash, { user: rows[0], until: Date.now() + KEY_TTL_MS });
  request.user = rows[0];
}
app.addHook('preHandler', async (request, reply) => {
  if (request.url !== '/constant') return auth(request, reply);
});

app.get('/constant', async () => ({ data: { ok: true } }));
app.get('/api/v1/me', async (request) => {
  const { user_id: id, account_id, email, role } = request.user;
  return { data: { id, account_id, email, role } };
});

export async function listen() {
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('SIGTERM', async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  });
}

import { randomBytes } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ensureBuilt, ServerProcess } from '../support/server-process';

/**
 * If-Match is a version check inside the write's own transaction (the row locked FOR UPDATE there), so it
 * holds across server instances sharing one database, and a conditional write passes the guards once.
 */
describe('If-Match across server instances', () => {
  const servers: ServerProcess[] = [];
  let database: TestDatabase;
  let auth: Record<string, string>;
  let session: string;

  const send = async (
    via: ServerProcess,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: object,
  ) => {
    const res = await fetch(`${via.url}${path}`, {
      method,
      headers: { ...auth, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase('ifmatch');
    for (let i = 0; i < 2; i++) {
      servers.push(await ServerProcess.start({ DATABASE_URL: database.url, RATE_LIMIT_PER_MINUTE: '100000' }));
    }
    const password = 'correct horse battery';
    const email = `u-${randomBytes(5).toString('hex')}@example.com`;
    const registration = await servers[0].request(
      'POST',
      '/api/registration',
      {},
      {
        user: { email, password, password_confirmation: password, company_name: 'Acme' },
      },
    );
    session = registration.json.data.token;
    auth = { authorization: await newKey('race') };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  const newKey = async (label: string) => {
    const key = await servers[0].request('POST', '/api/personal_api_keys', { authorization: session }, { label });
    return `Bearer ${key.json.data.value}`;
  };

  const createTag = async (name: string) => {
    const res = await send(servers[0], 'POST', '/api/v1/tags', {}, { tag: { name } });
    expect(res.status).toBe(201);
    const url = `/api/v1/tags/${res.json.data.id}`;
    const etag = (await send(servers[1], 'GET', url, {})).headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    return { url, etag };
  };

  it('lets exactly one of several writers holding the same ETag through, whichever instance each uses', async () => {
    for (let round = 0; round < 3; round++) {
      const { url, etag } = await createTag(`race-${round}`);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          send(servers[i % 2], 'PATCH', url, { 'if-match': etag }, { tag: { name: `winner-${round}-${i}` } }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
      for (const loser of results.filter((r) => r.status === 412)) {
        expect(loser.json).toMatchObject({
          error: {
            status: 412,
            message: 'Precondition Failed: the resource has changed since the ETag in If-Match was issued',
          },
        });
      }
      const winner = results.find((r) => r.status === 200)!;
      const now = await send(servers[round % 2], 'GET', url, {});
      expect(now.json.data.name).toBe(winner.json.data.name);
      expect(now.headers.get('etag')).toBe(winner.headers.get('etag'));
    }
  });

  it('deletes once when conditional deletes race, and refuses an update racing a delete', async () => {
    const { url, etag } = await createTag('doomed');
    const results = await Promise.all([
      send(servers[0], 'DELETE', url, { 'if-match': etag }),
      send(servers[1], 'DELETE', url, { 'if-match': etag }),
      send(servers[0], 'PATCH', url, { 'if-match': etag }, { tag: { name: 'late' } }),
      send(servers[1], 'PATCH', url, { 'if-match': etag }, { tag: { name: 'later' } }),
    ]);
    const statuses = results.map((r) => r.status);
    // One write wins; the others find another ETag (412) or no row any more (404).
    expect(statuses.filter((s) => s === 200 || s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200 && s !== 204).every((s) => s === 412 || s === 404)).toBe(true);
  });

  it('checks the route Fastify matched (an encoded path) and counts a conditional write once against the limit', async () => {
    const { url, etag } = await createTag('encoded');
    const encoded = url.replace('/tags/', '/%74ags/');
    const stale = await send(servers[0], 'PATCH', encoded, { 'if-match': '"stale"' }, { tag: { name: 'x' } });
    expect(stale.status).toBe(412);

    // A key of its own, used on one instance only: the other instance's hits reach the shared counter at its
    // next sync, which could land between these three requests.
    const alone = { authorization: await newKey('count') };
    const remaining = (res: { headers: Headers }) => Number(res.headers.get('ratelimit-remaining'));
    const before = await send(servers[1], 'GET', url, alone);
    const write = await send(servers[1], 'PATCH', url, { ...alone, 'if-match': etag }, { tag: { name: 'once' } });
    const after = await send(servers[1], 'GET', url, alone);
    expect(write.status).toBe(200);
    expect([remaining(before) - remaining(write), remaining(write) - remaining(after)]).toEqual([1, 1]);
  });
});

import { request } from 'node:http';
import { AddressInfo } from 'node:net';
import { NOT_AUTHENTICATED } from '../support/expectations';
import { createAccount, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Policies follow the route Fastify matched, not the bytes of the request target: a percent-encoded path
 * and an absolute-form target (`POST http://host/api/session`) reach the same route as the plain path, so
 * they get the same credential check and the same rate limit.
 */
const PER_IP = 3;
const WRONG_LOGIN = JSON.stringify({ user: { email: 'nobody@example.com', password: 'wrong password' } });

/** Counting windows are calendar minutes (database clock): start a burst early in one. */
async function earlyInMinute() {
  const second = new Date().getUTCSeconds();
  if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request over a real socket with an absolute-form target (`POST http://x/api/session HTTP/1.1`, as
 * sent to a proxy): Node's client writes `path` as given, where inject would normalise it.
 */
function absoluteForm(port: number, method: string, target: string, headers: Record<string, string>, body = '') {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: target, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('route policy follows the matched route', () => {
  let t: TestApp;
  let account: TestAccount;
  const portOf = (app: TestApp) => (app.app.getHttpServer().address() as AddressInfo).port;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    account = await createAccount(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('the login rate limit (per client IP)', () => {
    let limited: TestApp;
    let port: number;

    // Each test: a fresh instance on the same database with a small per-IP budget (the counts live in
    // memory too), and a fresh counting window.
    beforeEach(async () => {
      await earlyInMinute();
      await t.db.query('TRUNCATE rate_limit_counters');
      limited = await createTestApp({ sameDatabaseAs: t, config: { rateLimitAuthPerMinute: PER_IP } });
      await limited.app.listen(0, '127.0.0.1');
      port = portOf(limited);
    });
    afterEach(async () => {
      await limited.close();
    });

    const login = (path: string) =>
      limited.request('POST', path, { headers: { 'content-type': 'application/json' }, payload: WRONG_LOGIN });

    it('counts POST /api/%73ession like POST /api/session', async () => {
      for (let i = 0; i < PER_IP; i++) {
        const res = await login(i % 2 ? '/api/session' : '/api/%73ession');
        expect([res.statusCode, res.headers['ratelimit-remaining']]).toEqual([401, String(PER_IP - 1 - i)]);
      }
      const encoded = await login('/api/%73ession');
      expect(encoded.statusCode).toBe(429);
      expect(encoded.json().error).toMatchObject({ status: 429, retry_after: Number(encoded.headers['retry-after']) });
      expect((await login('/api/session')).statusCode).toBe(429);
    });

    it('counts an absolute-form target (POST http://x/api/session) like POST /api/session', async () => {
      const absolute = () =>
        absoluteForm(
          port,
          'POST',
          'http://x/api/session',
          { host: 'x', 'content-type': 'application/json' },
          WRONG_LOGIN,
        );
      for (let i = 0; i < PER_IP; i++) {
        const res = i % 2 ? await login('/api/session') : await absolute();
        expect([res.statusCode, res.headers['ratelimit-remaining']]).toEqual([401, String(PER_IP - 1 - i)]);
      }
      const over = await absolute();
      expect(over.statusCode).toBe(429);
      expect(JSON.parse(over.body).error).toMatchObject({
        status: 429,
        retry_after: Number(over.headers['retry-after']),
      });
      expect((await login('/api/session')).statusCode).toBe(429);
    });
  });

  describe('the credential of a route mounted at two doors (/api/v1/me, /api/me)', () => {
    const me = (path: string, authorization: string) => t.request('GET', path, { headers: { authorization } });
    const view = () => ({
      data: { id: account.userId, account_id: account.accountId, email: account.email, role: 'admin' },
    });

    it('refuses a session token on /api/%761/me exactly as on /api/v1/me', async () => {
      for (const path of ['/api/v1/me', '/api/%761/me', '/api/%76%31/me']) {
        for (const authorization of [account.token, `Bearer ${account.token}`]) {
          const res = await me(path, authorization);
          expect([path, res.statusCode, res.json()]).toEqual([path, 401, NOT_AUTHENTICATED]);
        }
      }
    });

    it('takes the API key on /api/%761/me, and on /api/m%65 the session token only, as on the plain paths', async () => {
      for (const path of ['/api/v1/me', '/api/%761/me']) {
        const res = await me(path, `Bearer ${account.apiKey}`);
        expect([path, res.statusCode, res.json()]).toEqual([path, 200, view()]);
      }
      for (const path of ['/api/me', '/api/m%65']) {
        const session = await me(path, account.token);
        expect([path, session.statusCode, session.json()]).toEqual([path, 200, view()]);
        const key = await me(path, `Bearer ${account.apiKey}`);
        expect([path, key.statusCode, key.json()]).toEqual([path, 401, NOT_AUTHENTICATED]);
      }
    });

    it('refuses a session token on an absolute-form GET http://x/api/v1/me', async () => {
      const port = portOf(t);
      const res = await absoluteForm(port, 'GET', 'http://x/api/v1/me', { host: 'x', authorization: account.token });
      expect(res.statusCode).toBe(401);
      const { request_id: requestId, ...error } = JSON.parse(res.body).error;
      expect([{ error }, requestId]).toEqual([NOT_AUTHENTICATED, res.headers['x-request-id']]);
      const key = await absoluteForm(port, 'GET', 'http://x/api/v1/me', {
        host: 'x',
        authorization: `Bearer ${account.apiKey}`,
      });
      expect([key.statusCode, JSON.parse(key.body)]).toEqual([200, view()]);
    });
  });
  describe('If-Match on a conditional write', () => {
    const newTag = async () => {
      const res = await t.request('POST', '/api/v1/tags', {
        headers: account.auth,
        payload: { tag: { name: `t-${Math.random()}` } },
      });
      const id = res.json().data.id as string;
      const etag = (await t.request('GET', `/api/v1/tags/${id}`, { headers: account.auth })).headers.etag as string;
      return { id, etag };
    };
    const patch = JSON.stringify({ tag: { description: 'changed' } });

    it('checks /api/v1/%74ags/:id like /api/v1/tags/:id', async () => {
      const { id, etag } = await newTag();
      const stale = await t.request('PATCH', `/api/v1/%74ags/${id}`, {
        headers: { ...account.auth, 'if-match': '"stale"', 'content-type': 'application/json' },
        payload: patch,
      });
      expect(stale.statusCode).toBe(412);
      const ok = await t.request('PATCH', `/api/v1/%74ags/${id}`, {
        headers: { ...account.auth, 'if-match': etag, 'content-type': 'application/json' },
        payload: patch,
      });
      expect(ok.statusCode).toBe(200);
      const again = await t.request('DELETE', `/api/v1/%74%61gs/${id}`, {
        headers: { ...account.auth, 'if-match': etag },
      });
      expect(again.statusCode).toBe(412);
    });

    it('checks an absolute-form PATCH http://x/api/v1/tags/:id', async () => {
      const { id, etag } = await newTag();
      const send = (ifMatch: string) =>
        absoluteForm(
          portOf(t),
          'PATCH',
          `http://x/api/v1/tags/${id}`,
          { host: 'x', ...account.auth, 'if-match': ifMatch, 'content-type': 'application/json' },
          patch,
        );
      expect((await send('"stale"')).statusCode).toBe(412);
      expect((await send(etag)).statusCode).toBe(200);
      expect((await send(etag)).statusCode).toBe(412);
    });
  });
});

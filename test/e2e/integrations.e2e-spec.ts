import { createAccount, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('integration passthroughs (/api/v1)', () => {
  let t: TestApp;
  let a: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
  });
  afterAll(() => t.close());

  // What Papercups answers an account without the integration: the official client's calls resolve.
  const UNCONNECTED = [
    ['POST', '/api/v1/slack/notify', { text: 'Hello', channel: '#general' }, null],
    ['GET', '/api/v1/github/repos', undefined, []],
    ['GET', '/api/v1/github/issues', undefined, []],
    ['POST', '/api/v1/github/issues', { owner: 'o', repo: 'r', issue: { title: 'Bug' } }, []],
  ] as const;

  it.each(UNCONNECTED)(
    '%s %s answers 200 as Papercups does without an authorization',
    async (method, url, payload, data) => {
      const res = await t.request(method, url, { headers: a.auth, payload });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ data });
    },
  );

  // Papercups fails on these (a 500 for Twilio, a 403 for Gmail): a clear 422 instead.
  const NOT_CONFIGURED = [
    ['POST', '/api/v1/twilio/send', 'Twilio', { to: '+15555555555', body: 'Hi' }],
    ['POST', '/api/v1/gmail/send', 'Gmail', { recipient: 'x@example.com', message: 'Hi' }],
  ] as const;

  it.each(NOT_CONFIGURED)('%s %s answers 422 "%s integration not configured"', async (method, url, name, payload) => {
    const res = await t.request(method, url, { headers: a.auth, payload });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ error: { status: 422, message: `${name} integration not configured` } });
  });

  it.each([...UNCONNECTED, ...NOT_CONFIGURED].map(([method, url]) => [method, url]))(
    '%s %s answers the same with no body or a form body',
    async (method, url) => {
      const expected = (await t.request(method, url, { headers: a.auth })).statusCode;
      if (method === 'GET') {
        return expect((await t.request(method, url, { headers: a.auth, query: { q: 'x' } })).statusCode).toBe(expected);
      }
      const res = await t.request(method, url, {
        headers: { ...a.auth, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'text=hi',
      });
      expect(res.statusCode).toBe(expected);
    },
  );

  // 401 without a key: tenant-isolation.e2e-spec.ts, for every route.
});

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

  const ROUTES = [
    ['POST', '/api/v1/slack/notify', 'Slack', { text: 'Hello', channel: '#general' }],
    ['POST', '/api/v1/twilio/send', 'Twilio', { to: '+15555555555', body: 'Hi' }],
    ['POST', '/api/v1/gmail/send', 'Gmail', { recipient: 'x@example.com', message: 'Hi' }],
    ['GET', '/api/v1/github/repos', 'GitHub', undefined],
    ['GET', '/api/v1/github/issues', 'GitHub', undefined],
    ['POST', '/api/v1/github/issues', 'GitHub', { title: 'Bug' }],
  ] as const;

  it.each(ROUTES)('%s %s answers 422 "%s integration not configured"', async (method, url, name, payload) => {
    const res = await t.request(method, url, { headers: a.auth, payload });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ error: { status: 422, message: `${name} integration not configured` } });
  });

  it.each(ROUTES)('%s %s answers 422 with no body or a form body too', async (method, url) => {
    if (method === 'GET') {
      return expect((await t.request(method, url, { headers: a.auth, query: { q: 'x' } })).statusCode).toBe(422);
    }
    const res = await t.request(method, url, {
      headers: { ...a.auth, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'text=hi',
    });
    expect(res.statusCode).toBe(422);
    expect((await t.request(method, url, { headers: a.auth })).statusCode).toBe(422);
  });

  // 401 without a key: tenant-isolation.e2e-spec.ts, for every route.
});

import { createAccount, TestAccount } from '../support/factories';
import { NOT_FOUND } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

describe('the error envelope', () => {
  let t: TestApp;
  let account: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    account = await createAccount(t);
  });
  afterAll(() => t.close());

  const json = () => ({ ...account.auth, 'content-type': 'application/json' });

  // Every /api/v1 route needs an API key (none, an unknown one, Basic, without "Bearer "): tenant-isolation.e2e-spec.ts.

  it('answers malformed JSON with 400', async () => {
    const res = await t.request('POST', '/api/v1/customers', { headers: json(), payload: '{"customer": {' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { status: 400, message: 'Malformed JSON body' } });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers an empty JSON body with 400', async () => {
    const res = await t.request('POST', '/api/v1/customers', { headers: json(), payload: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { status: 400, message: 'Malformed JSON body: the body is empty' } });
  });

  it('refuses prototype pollution in JSON', async () => {
    const res = await t.request('POST', '/api/v1/customers', {
      headers: json(),
      payload: '{"customer": {"name": "x"}, "__proto__": {"admin": true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.status).toBe(400);
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.request('POST', '/api/v1/customers', {
      headers: json(),
      payload: JSON.stringify({ customer: { name: 'x'.repeat(1024 * 1024 + 1) } }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { status: 413, message: 'Request body is too large' } });
    expect(await t.db.query('SELECT count(*)::int AS n FROM customers')).toEqual([{ n: 0 }]);
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.request('POST', '/api/v1/customers', {
      headers: { ...account.auth, 'content-type': 'text/plain' },
      payload: 'customer[name]=x',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      error: {
        status: 415,
        message: 'Unsupported Media Type: send application/json or application/x-www-form-urlencoded',
      },
    });
  });

  it.each([
    ['a string', '"x"'],
    ['an array', '[{"name": "x"}]'],
    ['null', 'null'],
  ])('answers a wrapper that is %s with 400', async (_case, wrapper) => {
    const res = await t.request('POST', '/api/v1/customers', { headers: json(), payload: `{"customer": ${wrapper}}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual(
      expect.objectContaining({ status: 400, errors: { customer: [expect.any(String)] } }),
    );
  });

  it('answers unknown routes and methods with the 404 envelope', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing'],
      ['DELETE', '/api/v1/customers'],
      ['GET', '/nope'],
    ]) {
      const res = await t.request(method, url, { headers: account.auth });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(NOT_FOUND);
    }
  });

  it.each(['conversations', 'customers', 'messages'])('answers a non-UUID %s id with 400', async (resource) => {
    const res = await t.request('GET', `/api/v1/${resource}/not-a-uuid`, { headers: account.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { status: 400, message: 'Bad Request', errors: { id: ['is invalid'] } } });
  });

  it('answers array-valued query filters with 400', async () => {
    const res = await t.request('GET', '/api/v1/conversations?status[]=open&status[]=closed', {
      headers: account.auth,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { status: 400, message: 'Bad Request', errors: { status: ['is invalid'] } } });
  });
});

import { gunzipSync } from 'node:zlib';
import { createAccount, createCustomer, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const JSON_TYPE = 'application/json; charset=utf-8';

describe('HTTP hygiene (default configuration)', () => {
  let t: TestApp;
  let account: TestAccount;
  beforeAll(async () => {
    t = await createTestApp();
    account = await createAccount(t);
  });
  afterAll(() => t.close());

  describe('CORS: any origin, as Papercups allows', () => {
    it('answers a preflight with 204 and the allowed methods', async () => {
      const res = await t.request('OPTIONS', '/api/v1/customers', {
        headers: {
          origin: 'https://widget.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
      expect(res.headers['access-control-allow-headers']).toBe('authorization,content-type');
      expect(res.headers['access-control-max-age']).toBe('86400');
    });

    it('marks responses (errors included) readable cross-origin and exposes X-Request-Id and Location', async () => {
      const res = await t.request('GET', '/api/v1/me', { headers: { origin: 'https://widget.example.com' } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-expose-headers']).toBe('x-request-id, location');
    });

    it('a bare OPTIONS (no Origin) is a 204, not a text/plain error', async () => {
      const res = await t.request('OPTIONS', '/api/v1/me');
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
    });

    it('answers a preflight on any path: unknown ones and routes of other methods alike', async () => {
      for (const url of ['/nope/deeper', '/health/live', '/api/v1/customers/123/whatever']) {
        const res = await t.request('OPTIONS', url, {
          headers: { origin: 'https://widget.example.com', 'access-control-request-method': 'GET' },
        });
        expect(res.statusCode).toBe(204);
        expect(res.body).toBe('');
        expect(res.headers).toEqual(
          expect.objectContaining({
            'access-control-allow-origin': '*',
            'access-control-expose-headers': 'x-request-id, location',
            'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
            'access-control-max-age': '86400',
            vary: 'Access-Control-Request-Headers',
            'content-length': '0',
          }),
        );
        expect(res.headers['access-control-allow-headers']).toBeUndefined();
      }
    });

    it('a simple request gets no Vary for the origin: the answer is the same for every origin', async () => {
      const res = await t.request('GET', '/health/live', { headers: { origin: 'https://widget.example.com' } });
      expect(res.headers.vary).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });
  });

  it('sends the API security headers on every answer (errors and unmatched paths included)', async () => {
    for (const url of ['/api/v1/me', '/health/live', '/nope']) {
      const res = await t.request('GET', url, { headers: account.auth });
      expect(res.headers).toEqual(
        expect.objectContaining({
          'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
          'cross-origin-resource-policy': 'same-origin',
          'referrer-policy': 'no-referrer',
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
        }),
      );
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    }
  });

  it('sends the document security headers with the HTML docs', async () => {
    const res = await t.request('GET', '/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers).toEqual(
      expect.objectContaining({
        'content-security-policy':
          "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';" +
          "frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';" +
          "script-src-attr 'none';style-src 'self' 'unsafe-inline'",
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-frame-options': 'SAMEORIGIN',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      }),
    );
  });

  describe('compression', () => {
    it('gzips a large response when the client asks', async () => {
      for (let i = 0; i < 5; i++) await createCustomer(t, account, { name: `Customer ${i}` });
      const plain = await t.request('GET', '/api/v1/customers', { headers: account.auth });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/customers',
        headers: { ...account.auth, 'accept-encoding': 'gzip' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['content-type']).toBe(JSON_TYPE);
      expect(res.headers.vary).toContain('accept-encoding');
      expect(res.rawPayload.length).toBeLessThan(plain.body.length / 2);
      const body = JSON.parse(gunzipSync(res.rawPayload).toString('utf8'));
      expect(body.total).toBe(5);
      expect(body.data.map((c: { name: string }) => c.name).sort()).toEqual([
        'Customer 0',
        'Customer 1',
        'Customer 2',
        'Customer 3',
        'Customer 4',
      ]);
    });

    it('leaves small responses alone', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.json()).toEqual({ status: 'ok' });
    });

    it('never decompresses request bodies: Content-Encoding on a request is ignored', async () => {
      const res = await t.request('POST', '/api/v1/customers', {
        headers: { ...account.auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: '{"customer":{"name":"Zip"}}',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.name).toBe('Zip');
    });
  });

  describe('HEAD', () => {
    it('answers like GET without a body', async () => {
      const res = await t.request('HEAD', '/api/v1/me', { headers: account.auth });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('');
      expect(res.headers['content-type']).toBe(JSON_TYPE);
      expect(Number(res.headers['content-length'])).toBe(
        (await t.request('GET', '/api/v1/me', { headers: account.auth })).body.length,
      );
    });

    it('needs the same credentials as GET', async () => {
      const res = await t.request('HEAD', '/api/v1/customers');
      expect(res.statusCode).toBe(401);
      expect(res.body).toBe('');
    });
  });

  describe("404 vs 405: Fastify's behaviour", () => {
    it.each([
      ['PATCH', '/api/v1/me'],
      ['DELETE', '/health/live'],
      ['PROPFIND', '/api/v1/customers'],
      ['GET', '/api/v2/customers'],
      ['GET', '/nope'],
    ])('%s %s (a method the path does not have, or no such path) is a 404 envelope', async (method, url) => {
      const res = await t.request(method, url, { headers: account.auth });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { status: 404, message: 'Not found' } });
      expect(res.headers['content-type']).toBe(JSON_TYPE);
    });
  });

  describe('Content-Type', () => {
    it('is application/json; charset=utf-8 on every JSON response, success or error', async () => {
      const responses = [
        await t.request('GET', '/api/v1/me', { headers: account.auth }),
        await t.request('GET', '/api/v1/me'),
        await t.request('POST', '/api/v1/customers', {
          headers: { ...account.auth, 'content-type': 'text/plain' },
          payload: 'x',
        }),
        await t.request('POST', '/api/v1/customers', {
          headers: { ...account.auth, 'content-type': 'application/json' },
          payload: '{',
        }),
        await t.request('GET', '/api/v1/customers/not-a-uuid', { headers: account.auth }),
        await t.request('GET', '/api/ping'),
        await t.request('GET', '/health/ready'),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 415, 400, 400, 200, 200]);
      for (const res of responses) expect(res.headers['content-type']).toBe(JSON_TYPE);
    });

    it('a 204 has no body and no Content-Type', async () => {
      const customer = await createCustomer(t, account);
      const res = await t.request('DELETE', `/api/v1/customers/${customer.id}`, { headers: account.auth });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(res.headers['content-type']).toBeUndefined();
    });
  });

  describe('request ids', () => {
    it('echoes a client X-Request-Id in the header and in error bodies', async () => {
      const res = await t.request('GET', '/api/v1/me', { headers: { 'x-request-id': 'client-id.42' } });
      expect(res.headers['x-request-id']).toBe('client-id.42');
      expect(res.raw()).toEqual({
        error: { code: 401, status: 401, message: 'Not authenticated', request_id: 'client-id.42' },
      });
    });

    it.each([['has spaces'], ['x'.repeat(129)], ['<script>']])(
      'replaces an unusable id (%s) with a UUID',
      async (given) => {
        const res = await t.request('GET', '/api/v1/me', { headers: { 'x-request-id': given } });
        expect(res.headers['x-request-id']).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(res.raw().error.request_id).toBe(res.headers['x-request-id']);
      },
    );

    it('gives each request its own id', async () => {
      const a = await t.request('GET', '/health/live');
      const b = await t.request('GET', '/health/live');
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });
  });
});

describe('HTTP hygiene (configured: CORS_ORIGINS, BODY_LIMIT_BYTES)', () => {
  let t: TestApp;
  let account: TestAccount;
  beforeAll(async () => {
    t = await createTestApp({ config: { corsOrigins: ['https://app.example.com'], bodyLimitBytes: 2048 } });
    account = await createAccount(t);
  });
  afterAll(() => t.close());

  it('allows only the listed origins', async () => {
    const allowed = await t.request('GET', '/health/live', { headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers.vary).toContain('Origin');
    const other = await t.request('GET', '/health/live', { headers: { origin: 'https://evil.example.com' } });
    expect(other.statusCode).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes a listed origin, with Vary: Origin and the exposed headers', async () => {
    for (const url of ['/api/v1/me', '/nope']) {
      const res = await t.request('GET', url, { headers: { origin: 'https://app.example.com' } });
      expect([401, 404]).toContain(res.statusCode);
      expect(res.headers).toEqual(
        expect.objectContaining({
          'access-control-allow-origin': 'https://app.example.com',
          'access-control-expose-headers': 'x-request-id, location',
          vary: 'Origin',
        }),
      );
    }
  });

  it('names no origin for an unlisted or absent Origin, and still varies on it', async () => {
    const requests: Record<string, string>[] = [
      { origin: 'https://evil.example.com' },
      { origin: 'https://app.example.com.evil.com' },
      {},
    ];
    for (const headers of requests) {
      const res = await t.request('GET', '/health/live', { headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers.vary).toBe('Origin');
      expect(res.headers['access-control-expose-headers']).toBe('x-request-id, location');
    }
  });

  it('answers preflights of listed and unlisted origins (unknown paths too), naming only a listed one', async () => {
    const preflight = (origin: string, url: string) =>
      t.request('OPTIONS', url, {
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization' },
      });
    const common = {
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'authorization',
      'access-control-max-age': '86400',
      'access-control-expose-headers': 'x-request-id, location',
      vary: 'Origin, Access-Control-Request-Headers',
      'content-length': '0',
    };
    for (const url of ['/api/v1/customers', '/nope']) {
      const allowed = await preflight('https://app.example.com', url);
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers).toEqual(
        expect.objectContaining({ ...common, 'access-control-allow-origin': 'https://app.example.com' }),
      );
      const refused = await preflight('https://evil.example.com', url);
      expect(refused.statusCode).toBe(204);
      expect(refused.headers).toEqual(expect.objectContaining(common));
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it("keeps Vary: Origin beside compression's Accept-Encoding", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/docs',
      headers: { origin: 'https://app.example.com', 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Origin, accept-encoding');
  });

  it('rejects a body over the limit with 413, and accepts one under it', async () => {
    const big = await t.request('POST', '/api/v1/customers', {
      headers: account.auth,
      payload: { customer: { name: 'x', metadata: { pad: 'y'.repeat(2100) } } },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({ error: { status: 413, message: 'Request body is too large' } });
    const small = await t.request('POST', '/api/v1/customers', {
      headers: account.auth,
      payload: { customer: { name: 'x', metadata: { pad: 'y'.repeat(1800) } } },
    });
    expect(small.statusCode).toBe(201);
  });
});

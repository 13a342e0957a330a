import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RouteOptions } from 'fastify';
import { createAccount, form, TestAccount } from '../support/factories';
import { OpenApiChecker } from '../support/openapi';
import { createTestApp, TestApp, TestResponse } from '../support/test-app';

/** Served by @nestjs/swagger itself, not API operations. */
const DOC_ROUTES = /^\/api\/(docs|openapi\.(json|yaml))/;

describe('OpenAPI document (/api/openapi.json, /api/docs)', () => {
  let t: TestApp;
  let doc: OpenApiChecker;
  const routes: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      beforeInit: (app) =>
        app.getHttpAdapter().getInstance().addHook('onRoute', (route: RouteOptions) => {
          for (const method of [route.method].flat()) {
            if (method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${route.url}`);
          }
        }),
    });
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = new OpenApiChecker(res.json());
  });
  afterAll(() => t.close());

  it('is OpenAPI 3 with a bearer scheme for API keys and a header scheme for session tokens', () => {
    expect(doc.document.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.document.components.securitySchemes).toEqual({
      api_key: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      session_token: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Authorization' }),
    });
    expect(doc.operation('GET /api/v1/customers').security).toEqual([{ api_key: [] }]);
    expect(doc.operation('GET /api/personal_api_keys').security).toEqual([{ session_token: [] }]);
    expect(doc.operation('POST /api/session').security).toEqual([]);
    expect(doc.operation('GET /health/ready').security).toEqual([]);
  });

  it('documents every route the server serves, and nothing else', () => {
    const served = routes
      .map((route) => route.replace(/:(\w+)/g, '{$1}'))
      .filter((route) => !DOC_ROUTES.test(route.split(' ')[1]));
    expect(served.length).toBeGreaterThan(25);
    expect([...new Set(served)].sort()).toEqual([...doc.operations()].sort());
  });

  it('documents bodies (JSON and form), query parameters, path parameters and error envelopes', () => {
    const create = doc.operation('POST /api/v1/conversations');
    expect(Object.keys(create.requestBody.content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    const params = doc.document.components.schemas.CreateConversationParams;
    expect(params.required).toEqual(['customer_id']);
    expect(params.properties.status).toEqual(expect.objectContaining({ enum: ['open', 'closed'] }));
    expect(params.properties.customer_id).toEqual(expect.objectContaining({ format: 'uuid' }));
    const list = doc.operation('GET /api/v1/customers');
    expect(list.parameters.map((p: any) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['query:name', 'query:email', 'query:company_id', 'query:limit', 'query:after', 'query:before']),
    );
    expect(doc.operation('GET /api/v1/customers/{id}').parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'id', required: true }),
    ]);
    const ids = doc.operations().map((key) => doc.operation(key).operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const key of doc.operations()) {
      const operation = doc.operation(key);
      expect([key, operation.tags?.length]).toEqual([key, 1]);
      const statuses = Object.keys(operation.responses).map(Number);
      expect([key, statuses.some((s) => s >= 200 && s < 300)]).toEqual([key, true]);
      for (const status of statuses.filter((s) => s >= 400 && s !== 503)) {
        expect([key, status, doc.response(key, status)?.schema]).toEqual([
          key, status, { $ref: '#/components/schemas/ErrorEnvelope' },
        ]);
      }
      if (operation.security.length) expect([key, statuses.includes(401)]).toEqual([key, true]);
      if (operation.requestBody) expect([key, statuses.includes(422)]).toEqual([key, true]);
    }
  });

  it('has an example for every JSON response, and every example validates against its schema', () => {
    let examples = 0;
    for (const key of doc.operations()) {
      for (const [status, response] of Object.entries(doc.operation(key).responses as Record<string, any>)) {
        const media = response.content?.['application/json'];
        if (!media) continue;
        expect([key, status, media.example !== undefined]).toEqual([key, status, true]);
        expect([key, status, doc.errors(media.schema, media.example)]).toEqual([key, status, []]);
        examples++;
      }
    }
    expect(examples).toBeGreaterThan(100);
  });

  it('serves Swagger UI and YAML', async () => {
    const ui = await t.request('GET', '/api/docs');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    expect(ui.body).toContain('swagger-ui');
    const yaml = await t.request('GET', '/api/openapi.yaml');
    expect(yaml.statusCode).toBe(200);
    expect(yaml.body).toContain('openapi: 3.0.0');
  });

  it('src/metadata.ts (the Swagger plugin output) is up to date with the sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-metadata-'));
    try {
      execFileSync('node', ['scripts/openapi-metadata.mjs', dir], { stdio: 'pipe' });
      expect(readFileSync(join(dir, 'metadata.ts'), 'utf8')).toBe(readFileSync('src/metadata.ts', 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  describe('live responses match the documented schemas', () => {
    const covered = new Set<string>();
    let account: TestAccount;

    /** Asserts the status, that it is documented, and that the body validates against its schema. */
    function check(key: string, status: number, res: TestResponse) {
      expect([key, res.statusCode, res.body.slice(0, 300)]).toEqual([key, status, expect.any(String)]);
      const documented = doc.response(key, status);
      expect([key, status, documented !== undefined]).toEqual([key, status, true]);
      if (status === 204) {
        expect(res.body).toBe('');
      } else {
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect([key, status, doc.errors(documented!.schema, res.raw())]).toEqual([key, status, []]);
      }
      covered.add(key);
      return status === 204 ? undefined : res.raw();
    }

    beforeAll(async () => {
      account = await createAccount(t);
    });

    it('auth, sessions and personal API keys', async () => {
      const password = 'correct horse battery';
      const registered = check('POST /api/registration', 200, await t.request('POST', '/api/registration', {
        payload: { user: { email: 'doc@example.com', password, password_confirmation: password, company_name: 'Doc' } },
      })).data;
      check('POST /api/registration', 422, await t.request('POST', '/api/registration', { payload: { user: {} } }));
      check('POST /api/registration', 400, await t.request('POST', '/api/registration', { payload: {} }));
      const login = check('POST /api/session', 200, await t.request('POST', '/api/session', {
        payload: { user: { email: 'doc@example.com', password } },
      })).data;
      check('POST /api/session', 401, await t.request('POST', '/api/session', {
        payload: { user: { email: 'doc@example.com', password: 'wrong password!' } },
      }));
      check('POST /api/session/renew', 200, await t.request('POST', '/api/session/renew', {
        headers: { authorization: login.renew_token },
      }));
      check('POST /api/session/renew', 401, await t.request('POST', '/api/session/renew', {
        headers: { authorization: login.renew_token },
      }));
      const session = { authorization: registered.token };
      check('GET /api/me', 200, await t.request('GET', '/api/me', { headers: session }));
      check('GET /api/me', 401, await t.request('GET', '/api/me'));
      const key = check('POST /api/personal_api_keys', 201, await t.request('POST', '/api/personal_api_keys', {
        headers: session, payload: { label: 'docs' },
      })).data;
      check('POST /api/personal_api_keys', 422, await t.request('POST', '/api/personal_api_keys', {
        headers: session, payload: { label: '' },
      }));
      check('GET /api/personal_api_keys', 200, await t.request('GET', '/api/personal_api_keys', { headers: session }));
      const keyPath = `/api/personal_api_keys/${key.id}`;
      check('GET /api/personal_api_keys/{id}', 200, await t.request('GET', keyPath, { headers: session }));
      check('GET /api/personal_api_keys/{id}', 400, await t.request('GET', '/api/personal_api_keys/x', { headers: session }));
      check('DELETE /api/personal_api_keys/{id}', 204, await t.request('DELETE', keyPath, { headers: session }));
      check('DELETE /api/personal_api_keys/{id}', 404, await t.request('DELETE', keyPath, { headers: session }));
      check('DELETE /api/session', 200, await t.request('DELETE', '/api/session', { headers: session }));
    });

    it('/api/v1: me, customers, conversations, messages', async () => {
      const auth = account.auth;
      check('GET /api/v1/me', 200, await t.request('GET', '/api/v1/me', { headers: auth }));
      check('GET /api/v1/me', 401, await t.request('GET', '/api/v1/me'));

      const formBody = form({ 'customer[name]': 'Alex', 'customer[metadata][plan]': 'pro', 'customer[external_id]': '7' });
      const customer = check('POST /api/v1/customers', 201, await t.request('POST', '/api/v1/customers', {
        payload: formBody.payload, headers: { ...auth, ...formBody.headers },
      })).data;
      check('POST /api/v1/customers', 422, await t.request('POST', '/api/v1/customers', {
        headers: auth, payload: { customer: { first_seen: 'yesterday' } },
      }));
      check('POST /api/v1/customers', 413, await t.request('POST', '/api/v1/customers', {
        headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ customer: { name: 'x'.repeat(1_100_000) } }),
      }));
      check('POST /api/v1/customers', 415, await t.request('POST', '/api/v1/customers', {
        headers: { ...auth, 'content-type': 'text/plain' }, payload: 'hello',
      }));
      const customerPath = `/api/v1/customers/${customer.id}`;
      check('GET /api/v1/customers/{id}', 200, await t.request('GET', customerPath, { headers: auth }));
      check('GET /api/v1/customers/{id}', 404, await t.request('GET', '/api/v1/customers/8a0bf163-f112-4f56-9fd3-55c6a43aa0ff', { headers: auth }));
      check('PUT /api/v1/customers/{id}', 200, await t.request('PUT', customerPath, { headers: auth, payload: { customer: { phone: '555' } } }));
      check('PATCH /api/v1/customers/{id}', 200, await t.request('PATCH', customerPath, { headers: auth, payload: { customer: { os: 'Linux' } } }));

      const conversation = check('POST /api/v1/conversations', 201, await t.request('POST', '/api/v1/conversations', {
        headers: auth, payload: { conversation: { customer_id: customer.id, subject: 'Hi', message: { body: 'Hello' } } },
      })).data;
      check('POST /api/v1/conversations', 422, await t.request('POST', '/api/v1/conversations', {
        headers: auth, payload: { conversation: { status: 'nope' } },
      }));
      const conversationPath = `/api/v1/conversations/${conversation.id}`;
      check('POST /api/v1/messages', 201, await t.request('POST', '/api/v1/messages', {
        headers: auth, payload: { message: { body: 'From the customer', conversation_id: conversation.id, customer_id: customer.id } },
      }));
      const message = check('POST /api/v1/messages', 201, await t.request('POST', '/api/v1/messages', {
        headers: auth, payload: { message: { body: 'A note', conversation_id: conversation.id, type: 'note', private: true } },
      })).data;
      check('POST /api/v1/messages', 422, await t.request('POST', '/api/v1/messages', {
        headers: auth, payload: { message: { body: 'x', conversation_id: '8a0bf163-f112-4f56-9fd3-55c6a43aa0ff' } },
      }));

      check('GET /api/v1/customers', 200, await t.request('GET', '/api/v1/customers', { headers: auth }));
      check('GET /api/v1/customers', 400, await t.request('GET', '/api/v1/customers', { headers: auth, query: { after: 'bad' } }));
      check('GET /api/v1/conversations', 200, await t.request('GET', '/api/v1/conversations', { headers: auth }));
      check('GET /api/v1/conversations/{id}', 200, await t.request('GET', conversationPath, { headers: auth }));
      check('PUT /api/v1/conversations/{id}', 200, await t.request('PUT', conversationPath, {
        headers: auth, payload: { conversation: { status: 'closed' } },
      }));
      check('PATCH /api/v1/conversations/{id}', 200, await t.request('PATCH', conversationPath, {
        headers: auth, payload: { conversation: { priority: 'priority' } },
      }));
      check('GET /api/v1/messages', 200, await t.request('GET', '/api/v1/messages', { headers: auth }));
      const messagePath = `/api/v1/messages/${message.id}`;
      check('GET /api/v1/messages/{id}', 200, await t.request('GET', messagePath, { headers: auth }));
      check('PUT /api/v1/messages/{id}', 200, await t.request('PUT', messagePath, { headers: auth, payload: { message: { body: 'Edited' } } }));
      check('PATCH /api/v1/messages/{id}', 200, await t.request('PATCH', messagePath, { headers: auth, payload: { message: { body: 'Again' } } }));

      check('DELETE /api/v1/messages/{id}', 204, await t.request('DELETE', messagePath, { headers: auth }));
      check('DELETE /api/v1/conversations/{id}', 204, await t.request('DELETE', conversationPath, { headers: auth }));
      check('DELETE /api/v1/customers/{id}', 204, await t.request('DELETE', customerPath, { headers: auth }));
      check('DELETE /api/v1/customers/{id}', 404, await t.request('DELETE', customerPath, { headers: auth }));
    });

    it('health probes and ping', async () => {
      check('GET /health/live', 200, await t.request('GET', '/health/live'));
      check('GET /health/ready', 200, await t.request('GET', '/health/ready'));
      check('GET /api/ping', 200, await t.request('GET', '/api/ping', { query: { a: '1' } }));
    });

    it('exercised every documented operation', () => {
      expect([...covered].sort()).toEqual([...doc.operations()].sort());
    });
  });
});

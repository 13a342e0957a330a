import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { RouteOptions } from 'fastify';
import { CUSTOMER_CSV_HEADER } from '../../src/customers/customer.csv';
import {
  createAccount,
  createConversation,
  createCustomer,
  createMessage,
  createTeammate,
  form,
  TestAccount,
} from '../support/factories';
import { OpenApiChecker } from '../support/openapi';
import { Receiver } from '../support/receiver';
import { SseClient } from '../support/sse';
import { createTestApp, TestApp, TestResponse } from '../support/test-app';

/** Served by @nestjs/swagger itself, not API operations. */
const DOC_ROUTES = /^\/api\/(docs|openapi\.(json|yaml))/;
/** Subscriptions to a receiver on 127.0.0.1, delivered quickly. */
const WEBHOOKS = { allowPrivateUrls: true, pollIntervalMs: 50, timeoutMs: 1000 };
const MISSING = '8a0bf163-f112-4f56-9fd3-55c6a43aa0ff';

describe('OpenAPI document (/api/openapi.json, /api/docs)', () => {
  let t: TestApp;
  let doc: OpenApiChecker;
  const routes: string[] = [];
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({
      config: { webhooks: WEBHOOKS },
      beforeInit: (app) =>
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route: RouteOptions) => {
            for (const method of [route.method].flat()) {
              if (method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${route.url}`);
            }
          }),
    });
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = new OpenApiChecker(res.json());
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

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
    expect(Object.keys(create.requestBody.content).sort()).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
    ]);
    const params = doc.document.components.schemas.CreateConversationFields;
    expect(params.required).toEqual(['customer_id']);
    expect(params.properties.status).toEqual(expect.objectContaining({ enum: ['open', 'closed'] }));
    expect(params.properties.customer_id).toEqual(expect.objectContaining({ format: 'uuid' }));
    const list = doc.operation('GET /api/v1/customers');
    expect(list.parameters.map((p: any) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining([
        'query:name',
        'query:email',
        'query:company_id',
        'query:limit',
        'query:after',
        'query:before',
      ]),
    );
    expect(doc.operation('GET /api/v1/customers/{id}').parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'id', required: true }),
      expect.objectContaining({ in: 'query', name: 'expand', required: false }),
    ]);
    const ids = doc.operations().map((key) => doc.operation(key).operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const key of doc.operations()) {
      const operation = doc.operation(key);
      expect([key, operation.tags?.length]).toEqual([key, 1]);
      const statuses = Object.keys(operation.responses).map(Number);
      // Only the integration stubs (always 422, marked `x-not-configured`) have no success to document.
      expect([key, statuses.some((s) => s >= 200 && s < 300)]).toEqual([key, !operation['x-not-configured']]);
      for (const status of statuses.filter((s) => s >= 400 && s !== 503)) {
        expect([key, status, doc.response(key, status)?.schema]).toEqual([
          key,
          status,
          { $ref: '#/components/schemas/ErrorEnvelope' },
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
        for (const [type, other] of Object.entries(response.content ?? {}) as [string, any][]) {
          if (type !== 'application/json') expect([key, type, typeof other.example]).toEqual([key, type, 'string']);
        }
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

  it('types every request field: no property of a request body is an untyped object', () => {
    const schemas = doc.document.components.schemas;
    const reached = new Set<string>();
    const visit = (node: any): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const name = typeof node.$ref === 'string' ? node.$ref.split('/').pop() : undefined;
      if (name && !reached.has(name)) {
        reached.add(name);
        visit(schemas[name]);
      }
      Object.values(node).forEach(visit);
    };
    for (const key of doc.operations()) visit(doc.requestSchema(key));
    const untyped: string[] = [];
    for (const name of reached) {
      for (const [field, schema] of Object.entries<any>(schemas[name].properties ?? {})) {
        const composed = schema.$ref || schema.allOf || schema.anyOf || schema.oneOf;
        const opaque =
          !composed && schema.type === 'object' && !schema.properties && schema.additionalProperties === undefined;
        const typed = composed || schema.type;
        if (!typed || opaque) untyped.push(`${name}.${field}: ${JSON.stringify(schema)}`);
      }
    }
    expect(reached.size).toBeGreaterThan(20);
    expect(untyped).toEqual([]);
    // The fields Swagger UI once pre-filled as `{}` (a 422): strings, nullable.
    expect(schemas.CreateCustomerFields.properties.name).toEqual({ type: 'string', nullable: true, maxLength: 255 });
  });

  describe('live responses match the documented schemas', () => {
    const covered = new Set<string>();
    /** Operations whose JSON request body, accepted with a 2xx, validated against the documented request schema. */
    const requestsChecked = new Set<string>();
    let lastRequest: { method: string; payload: unknown } | undefined;
    let account: TestAccount;

    beforeAll(() => {
      const request = t.request;
      t.request = (method, path, options = {}) => {
        lastRequest = { method, payload: options.payload };
        return request(method, path, options);
      };
    });

    /**
     * Asserts the status, that it is documented, and that the body validates against its schema; for a 2xx, also
     * that the JSON body the server accepted validates against the documented request schema.
     */
    function check(key: string, status: number, res: TestResponse) {
      expect([key, res.statusCode, res.body.slice(0, 300)]).toEqual([key, status, expect.any(String)]);
      const requestSchema = doc.requestSchema(key);
      const payload = lastRequest?.payload;
      if (
        status < 300 &&
        requestSchema &&
        payload &&
        typeof payload === 'object' &&
        lastRequest!.method === key.split(' ')[0]
      ) {
        expect([key, 'request', doc.errors(requestSchema, payload)]).toEqual([key, 'request', []]);
        requestsChecked.add(key);
      }
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
      const registered = check(
        'POST /api/registration',
        200,
        await t.request('POST', '/api/registration', {
          payload: {
            user: { email: 'doc@example.com', password, password_confirmation: password, company_name: 'Doc' },
          },
        }),
      ).data;
      check('POST /api/registration', 422, await t.request('POST', '/api/registration', { payload: { user: {} } }));
      check('POST /api/registration', 400, await t.request('POST', '/api/registration', { payload: {} }));
      const login = check(
        'POST /api/session',
        200,
        await t.request('POST', '/api/session', {
          payload: { user: { email: 'doc@example.com', password } },
        }),
      ).data;
      check(
        'POST /api/session',
        401,
        await t.request('POST', '/api/session', {
          payload: { user: { email: 'doc@example.com', password: 'wrong password!' } },
        }),
      );
      const renewed = check(
        'POST /api/session/renew',
        200,
        await t.request('POST', '/api/session/renew', {
          headers: { authorization: login.renew_token },
        }),
      ).data;
      check(
        'POST /api/session/renew',
        401,
        await t.request('POST', '/api/session/renew', {
          headers: { authorization: login.renew_token },
        }),
      );
      const session = { authorization: registered.token };
      check('GET /api/me', 200, await t.request('GET', '/api/me', { headers: session }));
      check('GET /api/me', 401, await t.request('GET', '/api/me'));
      const key = check(
        'POST /api/personal_api_keys',
        201,
        await t.request('POST', '/api/personal_api_keys', {
          headers: session,
          payload: { label: 'docs' },
        }),
      ).data;
      check(
        'POST /api/personal_api_keys',
        422,
        await t.request('POST', '/api/personal_api_keys', {
          headers: session,
          payload: { label: '' },
        }),
      );
      check('GET /api/personal_api_keys', 200, await t.request('GET', '/api/personal_api_keys', { headers: session }));
      const keyPath = `/api/personal_api_keys/${key.id}`;
      check('GET /api/personal_api_keys/{id}', 200, await t.request('GET', keyPath, { headers: session }));
      check(
        'GET /api/personal_api_keys/{id}',
        400,
        await t.request('GET', '/api/personal_api_keys/x', { headers: session }),
      );
      check('DELETE /api/personal_api_keys/{id}', 204, await t.request('DELETE', keyPath, { headers: session }));
      check('DELETE /api/personal_api_keys/{id}', 404, await t.request('DELETE', keyPath, { headers: session }));
      const mine = { authorization: renewed.token };
      const change = (current: string) =>
        t.request('PUT', '/api/password', {
          headers: mine,
          payload: {
            user: { current_password: current, password: 'a new password', password_confirmation: 'a new password' },
          },
        });
      check('PUT /api/password', 422, await change('not the password'));
      check('PUT /api/password', 200, await change(password));
      check('DELETE /api/sessions', 200, await t.request('DELETE', '/api/sessions', { headers: mine }));
      check('DELETE /api/sessions', 401, await t.request('DELETE', '/api/sessions', { headers: mine }));
      check('DELETE /api/session', 200, await t.request('DELETE', '/api/session', { headers: session }));
    });

    it('/api/v1: me, customers, conversations, messages', async () => {
      const auth = account.auth;
      check('GET /api/v1/me', 200, await t.request('GET', '/api/v1/me', { headers: auth }));
      check('GET /api/v1/me', 401, await t.request('GET', '/api/v1/me'));

      const formBody = form({
        'customer[name]': 'Alex',
        'customer[metadata][plan]': 'pro',
        'customer[external_id]': '7',
      });
      const customer = check(
        'POST /api/v1/customers',
        201,
        await t.request('POST', '/api/v1/customers', {
          payload: formBody.payload,
          headers: { ...auth, ...formBody.headers },
        }),
      ).data;
      check(
        'POST /api/v1/customers',
        422,
        await t.request('POST', '/api/v1/customers', {
          headers: auth,
          payload: { customer: { first_seen: 'yesterday' } },
        }),
      );
      check(
        'POST /api/v1/customers',
        413,
        await t.request('POST', '/api/v1/customers', {
          headers: { ...auth, 'content-type': 'application/json' },
          payload: JSON.stringify({ customer: { name: 'x'.repeat(1_100_000) } }),
        }),
      );
      check(
        'POST /api/v1/customers',
        415,
        await t.request('POST', '/api/v1/customers', {
          headers: { ...auth, 'content-type': 'text/plain' },
          payload: 'hello',
        }),
      );
      const customerPath = `/api/v1/customers/${customer.id}`;
      check('GET /api/v1/customers/{id}', 200, await t.request('GET', customerPath, { headers: auth }));
      check(
        'GET /api/v1/customers/{id}',
        404,
        await t.request('GET', '/api/v1/customers/8a0bf163-f112-4f56-9fd3-55c6a43aa0ff', { headers: auth }),
      );
      check(
        'PUT /api/v1/customers/{id}',
        200,
        await t.request('PUT', customerPath, { headers: auth, payload: { customer: { phone: '555' } } }),
      );
      check(
        'PATCH /api/v1/customers/{id}',
        200,
        await t.request('PATCH', customerPath, { headers: auth, payload: { customer: { os: 'Linux' } } }),
      );

      const conversation = check(
        'POST /api/v1/conversations',
        201,
        await t.request('POST', '/api/v1/conversations', {
          headers: auth,
          payload: { conversation: { customer_id: customer.id, subject: 'Hi', message: { body: 'Hello' } } },
        }),
      ).data;
      check(
        'POST /api/v1/conversations',
        422,
        await t.request('POST', '/api/v1/conversations', {
          headers: auth,
          payload: { conversation: { status: 'nope' } },
        }),
      );
      const conversationPath = `/api/v1/conversations/${conversation.id}`;
      check(
        'POST /api/v1/messages',
        201,
        await t.request('POST', '/api/v1/messages', {
          headers: auth,
          payload: {
            message: { body: 'From the customer', conversation_id: conversation.id, customer_id: customer.id },
          },
        }),
      );
      const message = check(
        'POST /api/v1/messages',
        201,
        await t.request('POST', '/api/v1/messages', {
          headers: auth,
          payload: { message: { body: 'A note', conversation_id: conversation.id, type: 'note', private: true } },
        }),
      ).data;
      check(
        'POST /api/v1/messages',
        422,
        await t.request('POST', '/api/v1/messages', {
          headers: auth,
          payload: { message: { body: 'x', conversation_id: '8a0bf163-f112-4f56-9fd3-55c6a43aa0ff' } },
        }),
      );

      check('GET /api/v1/customers', 200, await t.request('GET', '/api/v1/customers', { headers: auth }));
      check(
        'GET /api/v1/customers',
        400,
        await t.request('GET', '/api/v1/customers', { headers: auth, query: { after: 'bad' } }),
      );
      check('GET /api/v1/conversations', 200, await t.request('GET', '/api/v1/conversations', { headers: auth }));
      check('GET /api/v1/conversations/{id}', 200, await t.request('GET', conversationPath, { headers: auth }));
      check(
        'PUT /api/v1/conversations/{id}',
        200,
        await t.request('PUT', conversationPath, {
          headers: auth,
          payload: { conversation: { status: 'closed' } },
        }),
      );
      check(
        'PATCH /api/v1/conversations/{id}',
        200,
        await t.request('PATCH', conversationPath, {
          headers: auth,
          payload: { conversation: { priority: 'priority' } },
        }),
      );
      check('GET /api/v1/messages', 200, await t.request('GET', '/api/v1/messages', { headers: auth }));
      const messagePath = `/api/v1/messages/${message.id}`;
      check('GET /api/v1/messages/{id}', 200, await t.request('GET', messagePath, { headers: auth }));
      check(
        'PUT /api/v1/messages/{id}',
        200,
        await t.request('PUT', messagePath, { headers: auth, payload: { message: { body: 'Edited' } } }),
      );
      check(
        'PATCH /api/v1/messages/{id}',
        200,
        await t.request('PATCH', messagePath, { headers: auth, payload: { message: { body: 'Again' } } }),
      );

      check('DELETE /api/v1/messages/{id}', 204, await t.request('DELETE', messagePath, { headers: auth }));
      check('DELETE /api/v1/conversations/{id}', 204, await t.request('DELETE', conversationPath, { headers: auth }));
      check('DELETE /api/v1/customers/{id}', 204, await t.request('DELETE', customerPath, { headers: auth }));
      check('DELETE /api/v1/customers/{id}', 404, await t.request('DELETE', customerPath, { headers: auth }));
    });

    it('/api/v1: companies, tags (and tagging), notes, issues', async () => {
      const auth = account.auth;
      const company = check(
        'POST /api/v1/companies',
        201,
        await t.request('POST', '/api/v1/companies', {
          headers: auth,
          payload: { company: { name: 'Acme', metadata: { tier: 'gold' } } },
        }),
      ).data;
      check(
        'POST /api/v1/companies',
        422,
        await t.request('POST', '/api/v1/companies', { headers: auth, payload: { company: {} } }),
      );
      const companyPath = `/api/v1/companies/${company.id}`;
      check('GET /api/v1/companies', 200, await t.request('GET', '/api/v1/companies', { headers: auth }));
      check('GET /api/v1/companies/{id}', 200, await t.request('GET', companyPath, { headers: auth }));
      check(
        'GET /api/v1/companies/{id}',
        404,
        await t.request('GET', `/api/v1/companies/${MISSING}`, { headers: auth }),
      );
      check(
        'PUT /api/v1/companies/{id}',
        200,
        await t.request('PUT', companyPath, { headers: auth, payload: { company: { industry: 'Tools' } } }),
      );
      check(
        'PATCH /api/v1/companies/{id}',
        200,
        await t.request('PATCH', companyPath, {
          headers: auth,
          payload: { company: { website_url: 'https://acme.test' } },
        }),
      );

      const tag = check(
        'POST /api/v1/tags',
        201,
        await t.request('POST', '/api/v1/tags', {
          headers: auth,
          payload: { tag: { name: 'vip', color: '#ff0000' } },
        }),
      ).data;
      check(
        'POST /api/v1/tags',
        422,
        await t.request('POST', '/api/v1/tags', { headers: auth, payload: { tag: { name: 'vip' } } }),
      );
      const tagPath = `/api/v1/tags/${tag.id}`;
      check('GET /api/v1/tags', 200, await t.request('GET', '/api/v1/tags', { headers: auth }));
      check('GET /api/v1/tags/{id}', 200, await t.request('GET', tagPath, { headers: auth }));
      check(
        'PUT /api/v1/tags/{id}',
        200,
        await t.request('PUT', tagPath, { headers: auth, payload: { tag: { description: 'Big' } } }),
      );
      check(
        'PATCH /api/v1/tags/{id}',
        200,
        await t.request('PATCH', tagPath, { headers: auth, payload: { tag: { color: null } } }),
      );

      const customer = check(
        'POST /api/v1/customers',
        201,
        await t.request('POST', '/api/v1/customers', {
          headers: auth,
          payload: { customer: { name: 'Tagged', company_id: company.id } },
        }),
      ).data;
      const conversation = check(
        'POST /api/v1/conversations',
        201,
        await t.request('POST', '/api/v1/conversations', {
          headers: auth,
          payload: { conversation: { customer_id: customer.id } },
        }),
      ).data;
      for (const [resource, id] of [
        ['customers', customer.id],
        ['conversations', conversation.id],
      ]) {
        const path = `/api/v1/${resource}/${id}/tags`;
        check(
          `POST /api/v1/${resource}/{id}/tags`,
          200,
          await t.request('POST', path, { headers: auth, payload: { tag_id: tag.id } }),
        );
        check(
          `POST /api/v1/${resource}/{id}/tags`,
          422,
          await t.request('POST', path, { headers: auth, payload: { tag_id: 'x' } }),
        );
        check(
          `POST /api/v1/${resource}/{id}/tags`,
          404,
          await t.request('POST', path, { headers: auth, payload: { tag_id: MISSING } }),
        );
      }
      // Tags, company and the latest conversation, all validated in their documented shapes.
      check('GET /api/v1/customers', 200, await t.request('GET', '/api/v1/customers', { headers: auth }));
      check(
        'GET /api/v1/customers/{id}',
        200,
        await t.request('GET', `/api/v1/customers/${customer.id}`, { headers: auth }),
      );
      check('GET /api/v1/conversations', 200, await t.request('GET', '/api/v1/conversations', { headers: auth }));
      for (const [resource, id] of [
        ['customers', customer.id],
        ['conversations', conversation.id],
      ]) {
        const path = `/api/v1/${resource}/${id}/tags/${tag.id}`;
        check(`DELETE /api/v1/${resource}/{id}/tags/{tag_id}`, 200, await t.request('DELETE', path, { headers: auth }));
        check(
          `DELETE /api/v1/${resource}/{id}/tags/{tag_id}`,
          400,
          await t.request('DELETE', `/api/v1/${resource}/${id}/tags/x`, {
            headers: auth,
          }),
        );
      }

      const note = check(
        'POST /api/v1/notes',
        201,
        await t.request('POST', '/api/v1/notes', {
          headers: auth,
          payload: { note: { body: 'Prefers email', customer_id: customer.id } },
        }),
      ).data;
      check(
        'POST /api/v1/notes',
        422,
        await t.request('POST', '/api/v1/notes', {
          headers: auth,
          payload: { note: { body: 'x', customer_id: MISSING } },
        }),
      );
      const notePath = `/api/v1/notes/${note.id}`;
      check(
        'GET /api/v1/notes',
        200,
        await t.request('GET', '/api/v1/notes', { headers: auth, query: { customer_id: customer.id } }),
      );
      check('GET /api/v1/notes/{id}', 200, await t.request('GET', notePath, { headers: auth }));
      check(
        'PUT /api/v1/notes/{id}',
        200,
        await t.request('PUT', notePath, { headers: auth, payload: { note: { body: 'Prefers phone' } } }),
      );
      check(
        'PATCH /api/v1/notes/{id}',
        200,
        await t.request('PATCH', notePath, { headers: auth, payload: { note: { content_type: 'markdown' } } }),
      );

      const issue = check(
        'POST /api/v1/issues',
        201,
        await t.request('POST', '/api/v1/issues', {
          headers: auth,
          payload: { issue: { title: 'Export fails', assignee_id: account.userId } },
        }),
      ).data;
      check(
        'POST /api/v1/issues',
        422,
        await t.request('POST', '/api/v1/issues', {
          headers: auth,
          payload: { issue: { title: 'x', state: 'nope' } },
        }),
      );
      const issuePath = `/api/v1/issues/${issue.id}`;
      check(
        'GET /api/v1/issues',
        200,
        await t.request('GET', '/api/v1/issues', { headers: auth, query: { assignee_id: 'me' } }),
      );
      check('GET /api/v1/issues/{id}', 200, await t.request('GET', issuePath, { headers: auth }));
      check(
        'PUT /api/v1/issues/{id}',
        200,
        await t.request('PUT', issuePath, {
          headers: auth,
          payload: { issue: { state: 'closed', closed_at: '2021-02-24T17:24:37Z', body: 'Safari only' } },
        }),
      );
      check(
        'PATCH /api/v1/issues/{id}',
        200,
        await t.request('PATCH', issuePath, {
          headers: auth,
          payload: { issue: { github_issue_url: 'https://github.com/a/b/issues/1' } },
        }),
      );

      check('DELETE /api/v1/issues/{id}', 204, await t.request('DELETE', issuePath, { headers: auth }));
      check('DELETE /api/v1/notes/{id}', 204, await t.request('DELETE', notePath, { headers: auth }));
      check('DELETE /api/v1/notes/{id}', 404, await t.request('DELETE', notePath, { headers: auth }));
      check('DELETE /api/v1/tags/{id}', 204, await t.request('DELETE', tagPath, { headers: auth }));
      check('DELETE /api/v1/companies/{id}', 204, await t.request('DELETE', companyPath, { headers: auth }));
    });

    it('/api/v1: counts, identify, upsert, page numbers, CSV, reporting, events', async () => {
      const auth = account.auth;
      const customer = check(
        'POST /api/v1/customers',
        201,
        await t.request('POST', '/api/v1/customers', {
          headers: auth,
          payload: { customer: { name: 'Reported', external_id: 'ext-1', email: 'r@example.com' } },
        }),
      ).data;
      check(
        'POST /api/v1/customers',
        200,
        await t.request('POST', '/api/v1/customers', {
          headers: auth,
          query: { upsert: 'true' },
          payload: { customer: { external_id: 'ext-1', phone: '555' } },
        }),
      );
      const conversation = check(
        'POST /api/v1/conversations',
        201,
        await t.request('POST', '/api/v1/conversations', {
          headers: auth,
          payload: { conversation: { customer_id: customer.id } },
        }),
      ).data;
      check(
        'POST /api/v1/messages',
        201,
        await t.request('POST', '/api/v1/messages', {
          headers: auth,
          payload: { message: { body: 'Help?', conversation_id: conversation.id, customer_id: customer.id } },
        }),
      );
      check(
        'POST /api/v1/messages',
        201,
        await t.request('POST', '/api/v1/messages', {
          headers: auth,
          payload: { message: { body: 'Sure', conversation_id: conversation.id } },
        }),
      );
      check(
        'PUT /api/v1/conversations/{id}',
        200,
        await t.request('PUT', `/api/v1/conversations/${conversation.id}`, {
          headers: auth,
          payload: { conversation: { status: 'closed' } },
        }),
      );

      const identified = check(
        'GET /api/v1/customers/identify',
        200,
        await t.request('GET', '/api/v1/customers/identify', {
          headers: auth,
          query: { external_id: 'ext-1', email: 'R@example.com' },
        }),
      ).data;
      expect(identified).toEqual({ customer_id: customer.id });
      check(
        'GET /api/v1/customers/identify',
        200,
        await t.request('GET', '/api/v1/customers/identify', {
          headers: auth,
          query: { external_id: 'nobody' },
        }),
      );
      check(
        'GET /api/v1/customers/identify',
        422,
        await t.request('GET', '/api/v1/customers/identify', { headers: auth }),
      );
      const numbered = check(
        'GET /api/v1/customers',
        200,
        await t.request('GET', '/api/v1/customers', {
          headers: auth,
          query: { page: '1', page_size: '1' },
        }),
      );
      expect(numbered).toEqual(expect.objectContaining({ page_number: 1, page_size: 1 }));

      const csv = await t.request('GET', '/api/v1/customers', {
        headers: auth,
        query: { format: 'csv', external_id: 'ext-1' },
      });
      expect([csv.statusCode, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
      const csvExample: string = doc.operation('GET /api/v1/customers').responses['200'].content['text/csv'].example;
      const lines = csv.body.split('\r\n');
      expect([lines[0], csvExample.split('\r\n')[0], lines.length]).toEqual([
        CUSTOMER_CSV_HEADER,
        CUSTOMER_CSV_HEADER,
        2,
      ]);
      expect(lines[1].startsWith(`"${customer.id}","Reported","r@example.com",`)).toBe(true);

      const counted = [
        ['conversations', { customer_id: customer.id }],
        ['messages', { conversation_id: conversation.id }],
      ] as const;
      for (const [resource, query] of counted) {
        const { data } = check(
          `GET /api/v1/${resource}/count`,
          200,
          await t.request('GET', `/api/v1/${resource}/count`, { headers: auth, query }),
        );
        expect(data).toEqual({ count: resource === 'messages' ? 2 : 1 });
        check(
          `GET /api/v1/${resource}/count`,
          400,
          await t.request('GET', `/api/v1/${resource}/count`, {
            headers: auth,
            query: { customer_id: 'x' },
          }),
        );
      }

      const day = 86_400_000;
      const report = check(
        'GET /api/v1/reporting',
        200,
        await t.request('GET', '/api/v1/reporting', {
          headers: auth,
          query: {
            from_date: new Date(Date.now() - 8 * day).toISOString(),
            to_date: new Date(Date.now() + day).toISOString(),
          },
        }),
      ).data;
      expect([
        report.messages_per_user.length,
        report.received_messages_by_date.length,
        report.resolution_metrics_by_week.length > 0,
      ]).toEqual([1, 1, true]);
      check('GET /api/v1/reporting', 400, await t.request('GET', '/api/v1/reporting', { headers: auth }));

      const events = check('GET /api/v1/events', 200, await t.request('GET', '/api/v1/events', { headers: auth })).data;
      // Every kind of payload recorded so far (customers, conversations, messages, tags, notes) validated.
      expect(new Set(events.map((e: { type: string }) => e.type.split(':')[0]))).toEqual(
        new Set(['customer', 'conversation', 'message', 'tag', 'note']),
      );
      check(
        'GET /api/v1/events',
        400,
        await t.request('GET', '/api/v1/events', { headers: auth, query: { type: 'nope' } }),
      );

      await t.app.listen(0, '127.0.0.1');
      const port = (t.app.getHttpServer().address() as AddressInfo).port;
      const stream = await SseClient.open(`http://127.0.0.1:${port}/api/v1/events/stream`, auth);
      try {
        expect([stream.status, stream.response.headers['content-type']]).toEqual([
          200,
          'text/event-stream; charset=utf-8',
        ]);
        expect(Object.keys(doc.operation('GET /api/v1/events/stream').responses['200'].content)).toEqual([
          'text/event-stream',
        ]);
        await stream.waitFor(
          (s) => s.frames.some((f) => f.comment?.startsWith('cursor ')),
          5000,
          'the opening comment',
        );
        const created = check(
          'POST /api/v1/customers',
          201,
          await t.request('POST', '/api/v1/customers', {
            headers: auth,
            payload: { customer: { name: 'Streamed' } },
          }),
        ).data;
        await stream.waitFor((s) => s.events.length === 1);
        const [frame] = stream.events;
        expect([frame.event, frame.id, frame.data.payload.id]).toEqual([
          'customer:created',
          frame.data.cursor,
          created.id,
        ]);
        expect(doc.errors({ $ref: '#/components/schemas/Event' }, frame.data)).toEqual([]);
        covered.add('GET /api/v1/events/stream');
      } finally {
        stream.close();
      }
      check(
        'GET /api/v1/events/stream',
        400,
        await t.request('GET', '/api/v1/events/stream', { headers: { ...auth, 'last-event-id': 'x' } }),
      );
    });

    it('/api/v1: users, profile, user settings', async () => {
      const auth = account.auth;
      check('GET /api/v1/users', 200, await t.request('GET', '/api/v1/users', { headers: auth }));
      check(
        'GET /api/v1/users/{id}',
        200,
        await t.request('GET', `/api/v1/users/${account.userId}`, { headers: auth }),
      );
      check('GET /api/v1/users/{id}', 400, await t.request('GET', '/api/v1/users/x', { headers: auth }));
      check('GET /api/v1/users/{id}', 404, await t.request('GET', '/api/v1/users/999999', { headers: auth }));
      for (const path of ['/api/v1/profile', '/api/v1/profile/{id}']) {
        const url = path.replace('{id}', 'me');
        check(`GET ${path}`, 200, await t.request('GET', url, { headers: auth }));
        check(
          `PUT ${path}`,
          200,
          await t.request('PUT', url, { headers: auth, payload: { user_profile: { full_name: 'Alex Agent' } } }),
        );
        check(
          `PATCH ${path}`,
          200,
          await t.request('PATCH', url, { headers: auth, payload: { user_profile: { display_name: 'Alex' } } }),
        );
        check(
          `PATCH ${path}`,
          422,
          await t.request('PATCH', url, { headers: auth, payload: { user_profile: { full_name: 7 } } }),
        );
      }
      for (const path of ['/api/v1/user_settings', '/api/v1/user_settings/{id}']) {
        const url = path.replace('{id}', 'me');
        check(`GET ${path}`, 200, await t.request('GET', url, { headers: auth }));
        check(
          `PUT ${path}`,
          200,
          await t.request('PUT', url, {
            headers: auth,
            payload: { user_settings: { email_alert_on_new_message: true } },
          }),
        );
        check(
          `PATCH ${path}`,
          200,
          await t.request('PATCH', url, {
            headers: auth,
            payload: { user_settings: { expo_push_token: 'ExponentPushToken[x]' } },
          }),
        );
        check(
          `PATCH ${path}`,
          422,
          await t.request('PATCH', url, {
            headers: auth,
            payload: { user_settings: { email_alert_on_new_message: null } },
          }),
        );
      }
    });

    it('event subscriptions and their deliveries (/api/v1 with an API key, /api with a session token)', async () => {
      for (const [prefix, headers] of [
        ['/api/v1', account.auth],
        ['/api', { authorization: account.token }],
      ] as const) {
        const base = `${prefix}/event_subscriptions`;
        check(
          `POST ${base}/verify`,
          200,
          await t.request('POST', `${base}/verify`, { headers, payload: { url: receiver.url() } }),
        );
        check(`POST ${base}/verify`, 422, await t.request('POST', `${base}/verify`, { headers, payload: {} }));
        const subscription = check(
          `POST ${base}`,
          201,
          await t.request('POST', base, {
            headers,
            payload: { event_subscription: { webhook_url: receiver.url(), event_types: ['customer:created'] } },
          }),
        ).data;
        check(
          `POST ${base}`,
          422,
          await t.request('POST', base, { headers, payload: { event_subscription: { webhook_url: 'nope' } } }),
        );
        const path = `${base}/${subscription.id}`;
        check(`GET ${base}`, 200, await t.request('GET', base, { headers }));
        check(`GET ${base}/{id}`, 200, await t.request('GET', path, { headers }));
        check(`GET ${base}/{id}`, 404, await t.request('GET', `${base}/${MISSING}`, { headers }));
        check(
          `PUT ${base}/{id}`,
          200,
          await t.request('PUT', path, { headers, payload: { event_subscription: { scope: 'customer' } } }),
        );
        check(
          `PATCH ${base}/{id}`,
          200,
          await t.request('PATCH', path, {
            headers,
            payload: { event_subscription: { event_types: ['customer:created'], enabled: true } },
          }),
        );
        check(`POST ${base}/{id}/rotate_secret`, 200, await t.request('POST', `${path}/rotate_secret`, { headers }));

        await t.request('POST', '/api/v1/customers', {
          headers: account.auth,
          payload: { customer: { name: 'Delivered' } },
        });
        let deliveries: Array<{ id: string; status: string }> = [];
        for (
          const deadline = Date.now() + 10_000;
          !deliveries.some((d) => d.status === 'succeeded') && Date.now() < deadline;
        ) {
          deliveries = check(
            `GET ${base}/{id}/deliveries`,
            200,
            await t.request('GET', `${path}/deliveries`, { headers }),
          ).data;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        expect(deliveries.map((d) => d.status)).toEqual(['succeeded']);
        check(`GET ${base}/{id}/deliveries`, 404, await t.request('GET', `${base}/${MISSING}/deliveries`, { headers }));
        const redeliver = `${base}/{id}/deliveries/{delivery_id}/redeliver`;
        check(
          `POST ${redeliver}`,
          202,
          await t.request('POST', `${path}/deliveries/${deliveries[0].id}/redeliver`, { headers }),
        );
        check(
          `POST ${redeliver}`,
          404,
          await t.request('POST', `${path}/deliveries/${MISSING}/redeliver`, { headers }),
        );

        check(`DELETE ${base}/{id}`, 204, await t.request('DELETE', path, { headers }));
        check(`DELETE ${base}/{id}`, 404, await t.request('DELETE', path, { headers }));
      }
    });

    it('the dashboard door: the /api twins of /api/v1 routes, with a session token', async () => {
      const headers = { authorization: account.token };
      const call = async (method: string, key: string, url: string, status: number, payload?: object) =>
        check(`${method} /api${key}`, status, await t.request(method, `/api${url}`, { headers, payload }));
      const customer = (await createCustomer(t, account)).id;
      const conversation = (await createConversation(t, account, { customer_id: customer })).id;
      const unique = () => Math.random().toString(36).slice(2, 10);
      const bodies: Record<string, () => object> = {
        companies: () => ({ company: { name: `Door ${unique()}` } }),
        tags: () => ({ tag: { name: `Door ${unique()}` } }),
        notes: () => ({ note: { body: 'Door', customer_id: customer } }),
        issues: () => ({ issue: { title: 'Door' } }),
        messages: () => ({ message: { body: 'Door', conversation_id: conversation } }),
        customers: () => ({ customer: { name: 'Door' } }),
        conversations: () => ({ conversation: { status: 'open' } }),
        canned_responses: () => ({ canned_response: { name: `Door ${unique()}`, content: 'Hi' } }),
      };
      for (const [plural, body] of Object.entries(bodies)) {
        // Customers and conversations are created on /api/v1 only (their /api create is the widget's).
        const id =
          plural === 'customers'
            ? (await createCustomer(t, account)).id
            : plural === 'conversations'
              ? (await createConversation(t, account, { customer_id: customer })).id
              : (await call('POST', `/${plural}`, `/${plural}`, 201, body())).data.id;
        if (plural !== 'customers' && plural !== 'conversations') {
          await call('POST', `/${plural}`, `/${plural}`, 422, { [Object.keys(body())[0]]: {} });
        }
        await call('GET', `/${plural}`, `/${plural}`, 200);
        await call('GET', `/${plural}/{id}`, `/${plural}/${id}`, 200);
        await call('GET', `/${plural}/{id}`, `/${plural}/${MISSING}`, 404);
        await call('PUT', `/${plural}/{id}`, `/${plural}/${id}`, 200, body());
        await call('PATCH', `/${plural}/{id}`, `/${plural}/${id}`, 200, body());
        await call('DELETE', `/${plural}/{id}`, `/${plural}/${id}`, 204);
        await call('DELETE', `/${plural}/{id}`, `/${plural}/${id}`, 404);
      }
      // Canned responses on /api/v1 too (the loop above covered /api).
      const v1 = async (method: string, key: string, url: string, status: number, payload?: object) =>
        check(
          `${method} /api/v1${key}`,
          status,
          await t.request(method, `/api/v1${url}`, { headers: account.auth, payload }),
        );
      const reply = (await v1('POST', '/canned_responses', '/canned_responses', 201, bodies.canned_responses())).data
        .id;
      await v1('POST', '/canned_responses', '/canned_responses', 422, { canned_response: {} });
      await v1('GET', '/canned_responses', '/canned_responses', 200);
      await v1('GET', '/canned_responses/{id}', `/canned_responses/${reply}`, 200);
      await v1('GET', '/canned_responses/{id}', `/canned_responses/${MISSING}`, 404);
      await v1('PUT', '/canned_responses/{id}', `/canned_responses/${reply}`, 200, bodies.canned_responses());
      await v1('PATCH', '/canned_responses/{id}', `/canned_responses/${reply}`, 200, bodies.canned_responses());
      await v1('DELETE', '/canned_responses/{id}', `/canned_responses/${reply}`, 204);
      await v1('DELETE', '/canned_responses/{id}', `/canned_responses/${reply}`, 404);
      await call('GET', '/conversations/count', '/conversations/count', 200);
      await call('GET', '/messages/count', '/messages/count', 200);
      const tag = (await call('POST', '/tags', '/tags', 201, bodies.tags())).data.id;
      for (const [plural, id] of [
        ['conversations', conversation],
        ['customers', customer],
      ]) {
        await call('POST', `/${plural}/{id}/tags`, `/${plural}/${id}/tags`, 200, { tag_id: tag });
        await call('POST', `/${plural}/{id}/tags`, `/${plural}/${id}/tags`, 422, { tag_id: 'x' });
        await call('DELETE', `/${plural}/{id}/tags/{tag_id}`, `/${plural}/${id}/tags/${tag}`, 200);
      }
      const issue = (await call('POST', '/issues', '/issues', 201, bodies.issues())).data.id;
      for (const prefix of ['/api/v1', '/api']) {
        const h = prefix === '/api' ? headers : account.auth;
        const key = (path: string) => `${prefix}/customers/{id}/issues${path}`;
        const url = `${prefix}/customers/${customer}/issues`;
        check(`POST ${key('')}`, 200, await t.request('POST', url, { headers: h, payload: { issue_id: issue } }));
        check(`POST ${key('')}`, 422, await t.request('POST', url, { headers: h, payload: {} }));
        const shown = check(
          `GET ${prefix}/customers/{id}`,
          200,
          await t.request('GET', `${prefix}/customers/${customer}?expand[]=issues`, { headers: h }),
        );
        expect(shown.data.issues.map((i: { id: string }) => i.id)).toEqual([issue]);
        check(`DELETE ${key('/{issue_id}')}`, 200, await t.request('DELETE', `${url}/${issue}`, { headers: h }));
        check(`DELETE ${key('/{issue_id}')}`, 404, await t.request('DELETE', `${url}/${MISSING}`, { headers: h }));
      }
      await call('GET', '/users', '/users', 200);
      await call('GET', '/users/{id}', `/users/${account.userId}`, 200);
      await call('GET', '/users/{id}', '/users/999999', 404);
      const range = new URLSearchParams({ from_date: '2024-01-01T00:00:00Z', to_date: '2024-02-01T00:00:00Z' });
      await call('GET', '/reporting', `/reporting?${range}`, 200);
      await call('GET', '/reporting', '/reporting', 400);
      const singletons: Record<string, object> = {
        profile: { user_profile: { display_name: 'Door' } },
        user_settings: { user_settings: { email_alert_on_new_message: true } },
      };
      for (const [path, body] of Object.entries(singletons)) {
        for (const [key, url] of [
          [`/${path}`, `/${path}`],
          [`/${path}/{id}`, `/${path}/me`],
        ]) {
          await call('GET', key, url, 200);
          await call('PUT', key, url, 200, body);
          await call('PATCH', key, url, 200, body);
        }
      }
    });

    it('accounts and inboxes (a teammate gets the 403s)', async () => {
      const session = { authorization: account.token };
      const mate = await createTeammate(t, account);
      const mates = { authorization: mate.token };
      check('GET /api/accounts/me', 200, await t.request('GET', '/api/accounts/me', { headers: session }));
      const body = {
        account: { time_zone: 'UTC', working_hours: [{ day: 'weekdays', start_minute: 0, end_minute: 60 }] },
      };
      for (const method of ['PUT', 'PATCH']) {
        const key = `${method} /api/accounts/{id}`;
        check(key, 200, await t.request(method, '/api/accounts/me', { headers: session, payload: body }));
        check(
          key,
          422,
          await t.request(method, '/api/accounts/me', { headers: session, payload: { account: { time_zone: 'x' } } }),
        );
        check(key, 403, await t.request(method, '/api/accounts/me', { headers: mates, payload: body }));
        check(key, 404, await t.request(method, `/api/accounts/${MISSING}`, { headers: session, payload: body }));
      }
      check('DELETE /api/accounts/{id}', 403, await t.request('DELETE', '/api/accounts/me', { headers: mates }));
      check(
        'DELETE /api/accounts/{id}',
        404,
        await t.request('DELETE', `/api/accounts/${MISSING}`, { headers: session }),
      );
      const doomed = await createAccount(t);
      const doomedSession = { authorization: doomed.token };
      check(
        'DELETE /api/accounts/{id}',
        204,
        await t.request('DELETE', '/api/accounts/me', { headers: doomedSession }),
      );

      for (const [prefix, admin, user] of [
        ['/api', session, mates],
        ['/api/v1', account.auth, mate.auth],
      ] as const) {
        const base = `${prefix}/inboxes`;
        check(`GET ${base}`, 200, await t.request('GET', base, { headers: user }));
        check(`GET ${base}/primary`, 200, await t.request('GET', `${base}/primary`, { headers: user }));
        const inbox = check(
          `POST ${base}`,
          201,
          await t.request('POST', base, { headers: admin, payload: { inbox: { name: 'Sales' } } }),
        ).data;
        check(`POST ${base}`, 422, await t.request('POST', base, { headers: admin, payload: { inbox: {} } }));
        check(`POST ${base}`, 403, await t.request('POST', base, { headers: user, payload: { inbox: { name: 'x' } } }));
        const path = `${base}/${inbox.id}`;
        check(`GET ${base}/{id}`, 200, await t.request('GET', path, { headers: user }));
        check(`GET ${base}/{id}`, 404, await t.request('GET', `${base}/${MISSING}`, { headers: user }));
        for (const method of ['PUT', 'PATCH']) {
          const key = `${method} ${base}/{id}`;
          check(key, 200, await t.request(method, path, { headers: admin, payload: { inbox: { name: 'Sales EU' } } }));
          check(key, 422, await t.request(method, path, { headers: admin, payload: { inbox: { name: null } } }));
          check(key, 403, await t.request(method, path, { headers: user, payload: { inbox: { name: 'x' } } }));
          check(
            key,
            404,
            await t.request(method, `${base}/${MISSING}`, { headers: admin, payload: { inbox: { name: 'x' } } }),
          );
        }
        const primary = (await t.request('GET', `${base}/primary`, { headers: user })).json().data.id;
        check(`DELETE ${base}/{id}`, 422, await t.request('DELETE', `${base}/${primary}`, { headers: admin }));
        check(`DELETE ${base}/{id}`, 403, await t.request('DELETE', path, { headers: user }));
        check(`DELETE ${base}/{id}`, 204, await t.request('DELETE', path, { headers: admin }));
        check(`DELETE ${base}/{id}`, 404, await t.request('DELETE', path, { headers: admin }));
      }
    });

    it('team administration (a teammate gets the 403s)', async () => {
      const team = await createAccount(t);
      const session = { authorization: team.token };
      const mate = await createTeammate(t, team);
      const other = await createTeammate(t, team);
      const others = { authorization: other.token };
      for (const action of ['disable', 'enable', 'archive']) {
        const key = `POST /api/users/{id}/${action}`;
        check(key, 403, await t.request('POST', `/api/users/${team.userId}/${action}`, { headers: others }));
        check(key, 400, await t.request('POST', `/api/users/${team.userId}/${action}`, { headers: session }));
        check(key, 404, await t.request('POST', `/api/users/999999/${action}`, { headers: session }));
        check(key, 200, await t.request('POST', `/api/users/${mate.userId}/${action}`, { headers: session }));
      }
      const role = 'PUT /api/users/{id}/role';
      check(
        role,
        403,
        await t.request('PUT', `/api/users/${team.userId}/role`, { headers: others, payload: { role: 'user' } }),
      );
      check(
        role,
        400,
        await t.request('PUT', `/api/users/${other.userId}/role`, { headers: session, payload: { role: 'x' } }),
      );
      check(
        role,
        422,
        await t.request('PUT', `/api/users/${team.userId}/role`, { headers: session, payload: { role: 'user' } }),
      );
      check(
        role,
        200,
        await t.request('PUT', `/api/users/${other.userId}/role`, { headers: session, payload: { role: 'user' } }),
      );
      check(
        role,
        404,
        await t.request('PUT', '/api/users/999999/role', { headers: session, payload: { role: 'user' } }),
      );
      check('DELETE /api/users/{id}', 403, await t.request('DELETE', `/api/users/${team.userId}`, { headers: others }));
      check(
        'DELETE /api/users/{id}',
        422,
        await t.request('DELETE', `/api/users/${team.userId}`, { headers: session }),
      );
      check(
        'DELETE /api/users/{id}',
        200,
        await t.request('DELETE', `/api/users/${other.userId}`, { headers: session }),
      );
      check(
        'DELETE /api/users/{id}',
        404,
        await t.request('DELETE', `/api/users/${other.userId}`, { headers: session }),
      );
    });

    it('user invitations and registration with invite_token', async () => {
      const team = await createAccount(t);
      const session = { authorization: team.token };
      const mate = { authorization: (await createTeammate(t, team)).token };
      const base = '/api/user_invitations';
      const invitation = check(
        `POST ${base}`,
        201,
        await t.request('POST', base, { headers: session, payload: {} }),
      ).data;
      check(
        `POST ${base}`,
        422,
        await t.request('POST', base, { headers: session, payload: { user_invitation: { expires_at: 'x' } } }),
      );
      check(`POST ${base}`, 403, await t.request('POST', base, { headers: mate, payload: {} }));
      check(`GET ${base}`, 200, await t.request('GET', base, { headers: session }));
      check(`GET ${base}`, 403, await t.request('GET', base, { headers: mate }));
      const path = `${base}/${invitation.id}`;
      check(`GET ${base}/{id}`, 200, await t.request('GET', path, { headers: session }));
      check(`GET ${base}/{id}`, 404, await t.request('GET', `${base}/${MISSING}`, { headers: session }));
      for (const method of ['PUT', 'PATCH']) {
        const key = `${method} ${base}/{id}`;
        const payload = { user_invitation: { expires_at: '2099-01-01T00:00:00Z' } };
        check(key, 200, await t.request(method, path, { headers: session, payload }));
        check(
          key,
          422,
          await t.request(method, path, { headers: session, payload: { user_invitation: { expires_at: null } } }),
        );
        check(key, 403, await t.request(method, path, { headers: mate, payload }));
      }
      const password = 'a long enough password';
      const joined = await t.request('POST', '/api/registration', {
        payload: {
          user: {
            email: `joined-${team.userId}@example.com`,
            password,
            password_confirmation: password,
            invite_token: invitation.id,
          },
        },
      });
      check('POST /api/registration', 200, joined);
      check(
        'POST /api/registration',
        403,
        await t.request('POST', '/api/registration', {
          payload: {
            user: {
              email: `again-${team.userId}@example.com`,
              password,
              password_confirmation: password,
              invite_token: invitation.id,
            },
          },
        }),
      );
      check(`DELETE ${base}/{id}`, 403, await t.request('DELETE', path, { headers: mate }));
      check(`DELETE ${base}/{id}`, 204, await t.request('DELETE', path, { headers: session }));
      check(`DELETE ${base}/{id}`, 404, await t.request('DELETE', path, { headers: session }));
      const emails = 'POST /api/user_invitation_emails';
      check(
        emails,
        201,
        await t.request('POST', '/api/user_invitation_emails', {
          headers: session,
          payload: { to_address: 'f@example.com' },
        }),
      );
      check(
        emails,
        422,
        await t.request('POST', '/api/user_invitation_emails', { headers: session, payload: { to_address: 'f' } }),
      );
      check(
        emails,
        403,
        await t.request('POST', '/api/user_invitation_emails', {
          headers: mate,
          payload: { to_address: 'f@example.com' },
        }),
      );
    });

    it('integrations: Slack and GitHub as Papercups without an authorization, Twilio and Gmail a 422, as documented', async () => {
      for (const key of doc.operations().filter((k) => doc.operation(k)['x-not-configured'])) {
        const [method, path] = key.split(' ');
        const res = check(
          key,
          422,
          await t.request(method, path, { headers: account.auth, payload: method === 'POST' ? {} : undefined }),
        );
        expect(res.error.message).toMatch(/^(Twilio|Gmail) integration not configured$/);
        expect(res.error.message).toBe(doc.response(key, 422)!.example.error.message);
      }
      // Slack and GitHub answer what Papercups answers an account without the integration.
      for (const key of [
        'POST /api/v1/slack/notify',
        'GET /api/v1/github/repos',
        'GET /api/v1/github/issues',
        'POST /api/v1/github/issues',
      ]) {
        const [method, path] = key.split(' ');
        const res = check(
          key,
          200,
          await t.request(method, path, { headers: account.auth, payload: method === 'POST' ? {} : undefined }),
        );
        expect(res).toEqual(doc.response(key, 200)!.example);
      }
    });

    it('the chat widget: settings, visitors, conversations, uploads', async () => {
      const session = { authorization: account.token };
      const accountId = account.accountId;
      check(
        'GET /api/widget_settings',
        200,
        await t.request('GET', '/api/widget_settings', { query: { account_id: accountId } }),
      );
      check('GET /api/widget_settings', 422, await t.request('GET', '/api/widget_settings'));
      check(
        'PUT /api/widget_settings/metadata',
        200,
        await t.request('PUT', '/api/widget_settings/metadata', {
          payload: { account_id: accountId, metadata: { host: 'a.test' } },
        }),
      );
      check(
        'PUT /api/widget_settings',
        200,
        await t.request('PUT', '/api/widget_settings', {
          headers: session,
          payload: { widget_settings: { title: 'Hi' } },
        }),
      );
      check('GET /api/widget_security', 200, await t.request('GET', '/api/widget_security', { headers: session }));
      check(
        'PUT /api/widget_security',
        200,
        await t.request('PUT', '/api/widget_security', {
          headers: session,
          payload: { widget_security: { allowed_origins: ['https://shop.test'] } },
        }),
      );
      const customer = check(
        'POST /api/customers',
        201,
        await t.request('POST', '/api/customers', {
          payload: { customer: { account_id: accountId, external_id: 'w1' } },
        }),
      ).data;
      check(
        'GET /api/customers/identify',
        200,
        await t.request('GET', '/api/customers/identify', { query: { account_id: accountId, external_id: 'w1' } }),
      );
      check(
        'GET /api/customers/{id}/exists',
        200,
        await t.request('GET', `/api/customers/${customer.id}/exists`, { query: { account_id: accountId } }),
      );
      check(
        'PUT /api/customers/{id}/metadata',
        200,
        await t.request('PUT', `/api/customers/${customer.id}/metadata`, { payload: { metadata: { name: 'V' } } }),
      );
      check(
        'POST /api/conversations',
        201,
        await t.request('POST', '/api/conversations', {
          payload: { conversation: { account_id: accountId, customer_id: customer.id } },
        }),
      );
      check(
        'GET /api/conversations/customer',
        200,
        await t.request('GET', '/api/conversations/customer', {
          query: { account_id: accountId, customer_id: customer.id },
        }),
      );
      const boundary = '----openapi';
      const upload = await t.request('POST', '/api/upload', {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="account_id"\r\n\r\n${accountId}\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="customer_id"\r\n\r\n${customer.id}\r\n` +
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
          ),
        ]) as never,
      });
      const file = check('POST /api/upload', 201, upload).data;
      check('GET /api/upload/{id}', 200, await t.request('GET', `/api/upload/${file.id}`));
      const content = await t.request('GET', `/api/upload/${file.id}/content`);
      expect([content.statusCode, content.headers['content-type'], content.body]).toEqual([
        200,
        'application/octet-stream',
        'hello',
      ]);
      expect(doc.response('GET /api/upload/{id}/content', 200)).toBeDefined();
      covered.add('GET /api/upload/{id}/content');
      check(
        'DELETE /api/upload/{id}',
        204,
        await t.request('DELETE', `/api/upload/${file.id}`, { query: { customer_id: customer.id } }),
      );
      check('DELETE /api/upload/{id}', 404, await t.request('DELETE', `/api/upload/${file.id}`));
    });

    it('health probes and ping', async () => {
      check('GET /health/live', 200, await t.request('GET', '/health/live'));
      check('GET /health/ready', 200, await t.request('GET', '/health/ready'));
      check('GET /api/ping', 200, await t.request('GET', '/api/ping', { query: { a: '1' } }));
    });

    it('conversation extras: unread, archive, share, shared, mentions (both doors)', async () => {
      const c = await createConversation(t, account);
      const mate = await createTeammate(t, account);
      await createMessage(t, account, { conversation_id: c.id, body: 'see @mate', mentioned_user_ids: [mate.userId] });
      for (const [prefix, headers] of [
        ['/api/v1', account.auth],
        ['/api', { authorization: account.token }],
      ] as const) {
        const id = prefix === '/api' ? c.id : (await createConversation(t, account)).id;
        check(
          `GET ${prefix}/conversations/unread`,
          200,
          await t.request('GET', `${prefix}/conversations/unread`, { headers }),
        );
        check(`GET ${prefix}/conversations/unread`, 401, await t.request('GET', `${prefix}/conversations/unread`));
        const share = `POST ${prefix}/conversations/{id}/share`;
        const token = check(share, 200, await t.request('POST', `${prefix}/conversations/${id}/share`, { headers }))
          .data.token;
        check(share, 404, await t.request('POST', `${prefix}/conversations/${MISSING}/share`, { headers }));
        check(share, 400, await t.request('POST', `${prefix}/conversations/x/share`, { headers }));
        check(share, 401, await t.request('POST', `${prefix}/conversations/${id}/share`));
        const query = { conversation_id: id, token };
        const shared = check(
          'GET /api/conversations/shared',
          200,
          await t.request('GET', '/api/conversations/shared', { query }),
        );
        expect(shared.data.id).toBe(id);
        check(
          'GET /api/conversations/shared',
          403,
          await t.request('GET', '/api/conversations/shared', { query: { ...query, token: 'x.y' } }),
        );
        check(
          'GET /api/conversations/shared',
          400,
          await t.request('GET', '/api/conversations/shared', { query: { token } }),
        );
        for (const history of ['previous', 'related']) {
          const key = `GET ${prefix}/conversations/{id}/${history}`;
          check(key, 200, await t.request('GET', `${prefix}/conversations/${id}/${history}`, { headers }));
          check(key, 404, await t.request('GET', `${prefix}/conversations/${MISSING}/${history}`, { headers }));
          check(key, 400, await t.request('GET', `${prefix}/conversations/x/${history}`, { headers }));
          check(key, 401, await t.request('GET', `${prefix}/conversations/${id}/${history}`));
        }
        const archive = `POST ${prefix}/conversations/{id}/archive`;
        check(archive, 200, await t.request('POST', `${prefix}/conversations/${id}/archive`, { headers }));
        check(archive, 404, await t.request('POST', `${prefix}/conversations/${MISSING}/archive`, { headers }));
        check(archive, 400, await t.request('POST', `${prefix}/conversations/x/archive`, { headers }));
        check(archive, 401, await t.request('POST', `${prefix}/conversations/${id}/archive`));
        check('GET /api/conversations/shared', 404, await t.request('GET', '/api/conversations/shared', { query }));
      }
      const listed = check(
        'GET /api/v1/conversations',
        200,
        await t.request('GET', '/api/v1/conversations', {
          headers: account.auth,
          query: { archived: 'true', mentioning: String(mate.userId) },
        }),
      );
      expect(listed.data[0].mentions[0]).toMatchObject({ object: 'mention', user_id: mate.userId });
    });

    it('passwords and email (reset, verification)', async () => {
      const token = (purpose: string) => `doc-${purpose}-${Math.random().toString(36).slice(2)}`;
      const store = async (value: string, purpose: string) =>
        t.db.query(
          `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at)
           VALUES ($1, $2, encode(sha256($3::bytea), 'hex'), now() + interval '1 hour')`,
          [account.userId, purpose, value],
        );
      check(
        'POST /api/reset_password',
        200,
        // An unknown address: the same 200, and no background reset that would replace the token stored below.
        await t.request('POST', '/api/reset_password', { payload: { email: 'nobody@example.com' } }),
      );
      check('POST /api/reset_password', 422, await t.request('POST', '/api/reset_password', { payload: {} }));
      const reset = token('reset');
      await store(reset, 'password_reset');
      const body = (value: string) => ({
        token: value,
        password: account.password,
        password_confirmation: account.password,
      });
      check('PUT /api/reset_password', 200, await t.request('PUT', '/api/reset_password', { payload: body(reset) }));
      check('PUT /api/reset_password', 401, await t.request('PUT', '/api/reset_password', { payload: body(reset) }));
      check('PUT /api/reset_password', 422, await t.request('PUT', '/api/reset_password', { payload: { token: 'x' } }));
      const verify = token('verify');
      await store(verify, 'email_confirmation');
      check(
        'POST /api/verify_email',
        200,
        await t.request('POST', '/api/verify_email', { payload: { token: verify } }),
      );
      check(
        'POST /api/verify_email',
        200,
        await t.request('POST', '/api/verify_email', { payload: { token: verify } }),
      );
      check('POST /api/verify_email', 401, await t.request('POST', '/api/verify_email', { payload: { token: 'x' } }));
      check('POST /api/verify_email', 422, await t.request('POST', '/api/verify_email', { payload: {} }));
      // The reset ended the account's sessions: later sections log in again.
      const login = await t.request('POST', '/api/session', {
        payload: { user: { email: account.email, password: account.password } },
      });
      account.token = login.json().data.token;
    });

    it('exercised every documented operation', () => {
      expect([...covered].sort()).toEqual([...doc.operations()].sort());
    });

    it('validated an accepted request body of every operation that takes one', () => {
      const withBody = doc.operations().filter((key) => doc.requestSchema(key));
      expect(withBody.length).toBeGreaterThan(20);
      expect(withBody.filter((key) => !requestsChecked.has(key))).toEqual([]);
    });
  });
});

import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { createAccount, createConversation, createCustomer, createMessage, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Crafted input that used to answer 500 (or outside the envelope, or never): hand-made cursors, impossible
 * dates, deep bodies, bad percent-encoding, oversized headers, formula cells in CSV, HEAD on the stream,
 * slow bodies. Each answers a 4xx in the envelope now (or what the README documents).
 */
const ODD_VALUES = [
  '2021-02-31T00:00:00Z',
  '2021-02-31',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '1',
  '99999',
  '-1',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2021-02-24T17:24:37+99:00',
  '2021-02-24T17:24:37+24:00',
  '9999-12-31T23:59:59-2359',
  '2021-02-24T24:00:00Z',
];
const LISTS = ['customers', 'conversations', 'messages', 'notes', 'tags', 'companies', 'issues', 'users', 'events'];
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectEnvelope(res: { statusCode: number; body: string }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(JSON.parse(res.body)).toEqual({ error: expect.objectContaining({ status, message: expect.any(String) }) });
}

/** A raw HTTP/1.1 exchange on a socket: the whole answer, as text, once the server closes or stops writing. */
function rawExchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => (answer ? resolve(answer) : reject(error)));
    socket.on('close', () => resolve(answer));
    socket.write(head);
  });
}

describe('crafted input', () => {
  let t: TestApp;
  let account: TestAccount;
  let port: number;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ config: { requestTimeoutMs: 1000 } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    account = await createAccount(t);
    const customer = await createCustomer(t, account, { name: '=HYPERLINK("http://evil")', phone: '+1 555' });
    await createCustomer(t, account, { name: '@SUM(A1)', email: '-2+3@example.com' });
    const conversation = await createConversation(t, account, { customer_id: customer.id });
    await createConversation(t, account, { customer_id: customer.id });
    await createMessage(t, account, { conversation_id: conversation.id, body: 'a' });
    await createMessage(t, account, { conversation_id: conversation.id, body: 'b' });
    for (const body of ['x', 'y']) {
      await t.request('POST', '/api/v1/notes', {
        headers: account.auth,
        payload: { note: { body, customer_id: customer.id } },
      });
    }
    Object.assign(ids, { customer: customer.id, conversation: conversation.id });
  });
  afterAll(() => t.close());

  it('hand-made cursors with the right sort key and impossible values are a 400, never a 500', async () => {
    const sorts = [
      'customers',
      'customers?sort=last_seen_at',
      'customers?sort=-name',
      'conversations',
      'messages',
      'notes',
    ];
    for (const list of sorts) {
      const join = list.includes('?') ? '&' : '?';
      const first = await t.request('GET', `/api/v1/${list}${join}limit=1`, { headers: account.auth });
      const [key, , id] = JSON.parse(Buffer.from(first.json().next, 'base64url').toString());
      const ids = [id, 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa', '------------------------------------', 1e20, 'zz'];
      for (const value of [...ODD_VALUES, 'a\u0000b']) {
        for (const candidate of ids) {
          for (const param of ['after', 'before']) {
            const res = await t.request('GET', `/api/v1/${list}${join}${param}=${cursorOf([key, value, candidate])}`, {
              headers: account.auth,
            });
            expect([list, value, candidate, res.statusCode]).toEqual([list, value, candidate, expect.any(Number)]);
            expect(res.statusCode).toBeLessThan(500);
            if (res.statusCode !== 200) expectEnvelope(res, 400);
          }
        }
      }
    }
  });

  it('odd dates on every list filter and on reporting are a 400 "is invalid"', async () => {
    for (const list of LISTS.filter((l) => l !== 'events')) {
      for (const value of ODD_VALUES) {
        const res = await t.request('GET', `/api/v1/${list}`, {
          headers: account.auth,
          query: { created_after: value },
        });
        expect([list, value, res.statusCode]).toEqual([list, value, 400]);
        expect(res.json().error.errors).toEqual({ created_after: ['is invalid'] });
      }
    }
    for (const value of ODD_VALUES) {
      const res = await t.request('GET', '/api/v1/reporting', {
        headers: account.auth,
        query: { from_date: value, to_date: '2021-03-01' },
      });
      expect([value, res.statusCode]).toEqual([value, 400]);
    }
  });

  it('reporting on the first years of the calendar answers (the week before 0001-01-01 is in 1 BC)', async () => {
    for (const [from, to] of [
      ['0001-01-01', '0001-02-01'],
      ['0001-01-01', '0010-12-01'],
      ['0005-06-01T12:00:00+05:00', '0012-01-01'],
      ['9990-01-01', '9999-12-31T23:59:59Z'],
    ]) {
      const res = await t.request('GET', '/api/v1/reporting', {
        headers: account.auth,
        query: { from_date: from, to_date: to },
      });
      expect([from, to, res.statusCode]).toEqual([from, to, 200]);
    }
  });

  it('deeply nested JSON on every create and update is a 400 before anything recurses', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const writes: [string, string, string][] = [
      ['POST', '/api/v1/customers', 'customer'],
      ['PUT', `/api/v1/customers/${ids.customer}`, 'customer'],
      ['PATCH', `/api/v1/customers/${ids.customer}`, 'customer'],
      ['POST', '/api/v1/conversations', 'conversation'],
      ['PUT', `/api/v1/conversations/${ids.conversation}`, 'conversation'],
      ['POST', '/api/v1/messages', 'message'],
      ['POST', '/api/v1/tags', 'tag'],
      ['POST', '/api/v1/companies', 'company'],
      ['POST', '/api/v1/notes', 'note'],
      ['POST', '/api/v1/issues', 'issue'],
      ['POST', '/api/v1/event_subscriptions', 'event_subscription'],
      ['PUT', '/api/profile', 'user_profile'],
      ['PUT', '/api/user_settings', 'user_settings'],
    ];
    for (const [method, path, wrapper] of writes) {
      const auth = path.startsWith('/api/v1') ? account.auth : { authorization: account.token };
      const res = await t.request(method, path, {
        headers: { ...auth, 'content-type': 'application/json' },
        payload: `{"${wrapper}":{"metadata":${deep}}}`,
      });
      expectEnvelope(res, 400);
      expect(res.json().error.message).toBe('Malformed JSON body: nested deeper than 32 levels');
    }
    // Brackets inside strings are not nesting; a body within the limit still works.
    const fine = await t.request('POST', '/api/v1/tags', {
      headers: account.auth,
      payload: { tag: { name: '[[[[{{{{'.repeat(20) } },
    });
    expect(fine.statusCode).toBe(201);
  });

  it('a path that is not valid percent-encoding answers in the envelope', async () => {
    for (const path of ['/api/v1/customers/%ff', '/api/%ff', '/%ff', '/api/v1/cust%ffomers']) {
      const res = await t.request('GET', path, { headers: account.auth });
      expectEnvelope(res, 400);
      expect(res.json().error.request_id).toBeUndefined(); // checked against X-Request-Id and removed by json()
    }
  });

  it("Node's 431 (headers over its limit) answers in the envelope", async () => {
    const answer = await rawExchange(
      port,
      `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1.1 431 /);
    expect(head).toMatch(/content-type: application\/json; charset=utf-8/i);
    const requestId = /x-request-id: (\S+)/i.exec(head)?.[1];
    expect(JSON.parse(body)).toEqual({
      error: { status: 431, message: 'Request Header Fields Too Large', request_id: requestId },
    });
  });

  it('CSV cells starting with =, +, -, @ are neutralised, and the export carries no shared ETag', async () => {
    const res = await t.request('GET', '/api/v1/customers', { headers: account.auth, query: { format: 'csv' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.body).toContain(`"'+1 555"`);
    expect(res.body).toContain(`"'@SUM(A1)"`);
    expect(res.body).toContain(`"'-2+3@example.com"`);
    expect(res.body).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(res.headers.etag).toBeUndefined();
    // Other GETs still carry their ETag.
    const one = await t.request('GET', `/api/v1/customers/${ids.customer}`, { headers: account.auth });
    expect(one.headers.etag).toEqual(expect.any(String));
  });

  it('HEAD /api/v1/events/stream answers with the stream headers and no body', async () => {
    const res = await new Promise<{ status: number; type: unknown; body: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/api/v1/events/stream', method: 'HEAD', headers: account.auth, agent: false },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }),
          );
        },
      );
      req.on('error', reject);
      req.setTimeout(5000, () => reject(new Error('HEAD on the stream never answered')));
      req.end();
    });
    expect(res).toEqual({ status: 200, type: 'text/event-stream; charset=utf-8', body: '' });
  });

  it('a body that trickles in is cut at REQUEST_TIMEOUT_MS (1 s here), with a 408 in the envelope', async () => {
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('error', () => resolve(text));
      socket.on('close', () => {
        clearInterval(drip);
        resolve(text);
      });
      socket.write(
        `POST /api/v1/tags HTTP/1.1\r\nHost: x\r\nAuthorization: ${account.auth.authorization}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      );
      const drip = setInterval(() => socket.write(' '), 100);
      setTimeout(() => reject(new Error('the slow body was never cut')), 20_000).unref();
    });
    // Generous: the default check interval (30 s) would cut it after 30 s or more.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer).toMatch(/^HTTP\/1.1 408 /);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]).error).toEqual(expect.objectContaining({ status: 408 }));
  }, 30_000);
});

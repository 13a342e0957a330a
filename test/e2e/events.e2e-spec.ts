import { AddressInfo } from 'node:net';
import { EventStreamsService } from '../../src/events/event-streams.service';
import { createAccount, createConversation, createCustomer, TestAccount } from '../support/factories';
import { badRequest, NAIVE_TIMESTAMP, NOT_AUTHENTICATED, UUID } from '../support/expectations';
import { SseClient } from '../support/sse';
import { createTestApp, TestApp } from '../support/test-app';

/** The basic conversation view inside an expanded one. */
const basic = ({ customer, mentions, messages, tags, ...rest }: any) => rest;

describe('events (/api/v1/events)', () => {
  let t: TestApp;
  let owner: TestAccount;
  let other: TestAccount;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { streamHeartbeatMs: 200 } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(async () => {
    owner = await createAccount(t);
    other = await createAccount(t);
  });

  const list = async (account: TestAccount, query: Record<string, string> = {}) => {
    const res = await t.request('GET', '/api/v1/events', { headers: account.auth, query });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const send = async (account: TestAccount, method: string, path: string, payload?: object) => {
    const res = await t.request(method, path, { headers: account.auth, payload });
    expect([method, path, res.statusCode]).toEqual([
      method,
      path,
      method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200,
    ]);
    return res.body ? res.json().data : undefined;
  };

  it('records every write with the resource view as payload, in order, per account', async () => {
    const customer = await send(owner, 'POST', '/api/v1/customers', { customer: { name: 'Ada' } });
    const customerUpdated = await send(owner, 'PUT', `/api/v1/customers/${customer.id}`, {
      customer: { email: 'ada@example.com' },
    });
    const conversation = await send(owner, 'POST', '/api/v1/conversations', {
      conversation: { customer_id: customer.id, message: { body: 'First' } },
    });
    const first = (await send(owner, 'GET', `/api/v1/conversations/${conversation.id}`)).messages[0];
    const conversationUpdated = await send(owner, 'PATCH', `/api/v1/conversations/${conversation.id}`, {
      conversation: { priority: 'priority' },
    });
    const reply = await send(owner, 'POST', '/api/v1/messages', {
      message: { body: 'Reply', conversation_id: conversation.id },
    });
    const afterReply = basic(await send(owner, 'GET', `/api/v1/conversations/${conversation.id}`));
    const replyUpdated = await send(owner, 'PUT', `/api/v1/messages/${reply.id}`, { message: { body: 'Edited' } });
    await send(owner, 'DELETE', `/api/v1/messages/${reply.id}`);
    const beforeDelete = basic(await send(owner, 'GET', `/api/v1/conversations/${conversation.id}`));
    await send(owner, 'DELETE', `/api/v1/conversations/${conversation.id}`);
    const customerBeforeDelete = await send(owner, 'GET', `/api/v1/customers/${customer.id}`);
    await send(owner, 'DELETE', `/api/v1/customers/${customer.id}`);
    // Nothing is recorded for a write that fails, nor for another account's writes.
    expect(
      (
        await t.request('POST', '/api/v1/conversations', {
          headers: owner.auth,
          payload: { conversation: { customer_id: customer.id } },
        })
      ).statusCode,
    ).toBe(422);
    await createCustomer(t, other);

    const expected: [string, unknown][] = [
      ['customer:created', customer],
      ['customer:updated', customerUpdated],
      ['conversation:created', basic({ ...conversation })],
      ['message:created', first],
      ['conversation:updated', conversationUpdated],
      ['message:created', reply],
      ['conversation:updated', afterReply],
      ['message:updated', replyUpdated],
      ['message:deleted', replyUpdated],
      ['conversation:deleted', beforeDelete],
      ['customer:deleted', customerBeforeDelete],
    ];
    const body = await list(owner);
    expect(body).toEqual({
      data: expected.map(([type, payload], i) => ({
        id: UUID,
        object: 'event',
        account_id: owner.accountId,
        created_at: NAIVE_TIMESTAMP,
        cursor: String(i + 1),
        payload,
        type,
      })),
      next: null,
      previous: null,
      limit: 50,
      total: expected.length,
    });
    expect((await list(other)).data.map((e: any) => [e.cursor, e.type])).toEqual([['1', 'customer:created']]);
  });

  it('records tag and note writes with their views', async () => {
    const tag = await send(owner, 'POST', '/api/v1/tags', { tag: { name: 'vip' } });
    const tagUpdated = await send(owner, 'PUT', `/api/v1/tags/${tag.id}`, { tag: { color: 'red' } });
    await send(owner, 'DELETE', `/api/v1/tags/${tag.id}`);
    const customer = await createCustomer(t, owner);
    const note = await send(owner, 'POST', '/api/v1/notes', {
      note: { body: 'Prefers email', customer_id: customer.id },
    });
    const noteUpdated = await send(owner, 'PATCH', `/api/v1/notes/${note.id}`, { note: { body: 'Prefers phone' } });
    await send(owner, 'DELETE', `/api/v1/notes/${note.id}`);

    const body = await list(owner, {
      type: 'tag:created,tag:updated,tag:deleted,note:created,note:updated,note:deleted',
    });
    expect(body.data.map((e: any) => [e.type, e.payload])).toEqual([
      ['tag:created', tag],
      ['tag:updated', tagUpdated],
      ['tag:deleted', tagUpdated],
      ['note:created', note],
      ['note:updated', noteUpdated],
      ['note:deleted', noteUpdated],
    ]);
  });

  it('commits a change and its event together: if the event cannot be written, neither is', async () => {
    const customer = await createCustomer(t, owner);
    await t.db.query(`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'event refused'; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_deleted BEFORE INSERT ON events FOR EACH ROW
      WHEN (NEW.type = 'customer:deleted') EXECUTE FUNCTION refuse_event()`);
    try {
      const res = await t.request('DELETE', `/api/v1/customers/${customer.id}`, { headers: owner.auth });
      expect(res.statusCode).toBe(500);
    } finally {
      await t.db.query('DROP TRIGGER refuse_deleted ON events');
      await t.db.query('DROP FUNCTION refuse_event()');
    }
    expect((await t.request('GET', `/api/v1/customers/${customer.id}`, { headers: owner.auth })).statusCode).toBe(200);
    expect((await list(owner)).data.map((e: any) => [e.cursor, e.type])).toEqual([['1', 'customer:created']]);
    // The cursor taken by the failed transaction was rolled back with it: no gap.
    await send(owner, 'DELETE', `/api/v1/customers/${customer.id}`);
    expect((await list(owner)).data.map((e: any) => [e.cursor, e.type])).toEqual([
      ['1', 'customer:created'],
      ['2', 'customer:deleted'],
    ]);
  });

  it('pages with after, type and limit', async () => {
    const customer = await createCustomer(t, owner);
    for (const name of ['a', 'b', 'c']) {
      await send(owner, 'PUT', `/api/v1/customers/${customer.id}`, { customer: { name } });
    }
    await createConversation(t, owner, { customer_id: customer.id });

    const page1 = await list(owner, { limit: '2' });
    expect(page1.data.map((e: any) => e.cursor)).toEqual(['1', '2']);
    expect(page1).toMatchObject({ next: '2', previous: null, limit: 2, total: 5 });
    const page2 = await list(owner, { limit: '2', after: page1.next });
    expect(page2.data.map((e: any) => e.cursor)).toEqual(['3', '4']);
    expect(page2).toMatchObject({ next: '4', total: 3 });
    const page3 = await list(owner, { limit: '2', after: page2.next });
    expect(page3.data.map((e: any) => [e.cursor, e.type])).toEqual([['5', 'conversation:created']]);
    expect(page3).toMatchObject({ next: null, total: 1 });
    expect((await list(owner, { after: '5' })).data).toEqual([]);

    const updates = await list(owner, { type: 'customer:updated', after: '2' });
    expect(updates.data.map((e: any) => [e.cursor, e.payload.name])).toEqual([
      ['3', 'b'],
      ['4', 'c'],
    ]);
    const two = await list(owner, { type: 'customer:created,conversation:created' });
    expect(two.data.map((e: any) => e.type)).toEqual(['customer:created', 'conversation:created']);
  });

  it('rejects bad queries with a 400 and needs an API key', async () => {
    for (const [query, errors, message] of [
      [{ after: 'abc' }, { after: ['is invalid'] }, 'Invalid cursor'],
      [{ after: '-1' }, { after: ['is invalid'] }, 'Invalid cursor'],
      [{ type: 'customer:exploded' }, { type: ['is invalid'] }, 'Bad Request'],
      [{ limit: '0' }, { limit: ['is invalid'] }, 'Bad Request'],
    ] as const) {
      const res = await t.request('GET', '/api/v1/events', {
        headers: owner.auth,
        query: query as Record<string, string>,
      });
      expect([query, res.statusCode, res.json()]).toEqual([query, 400, badRequest(errors as never, message)]);
    }
    const res = await t.request('GET', '/api/v1/events', { headers: { authorization: owner.token } });
    expect([res.statusCode, res.json()]).toEqual([401, NOT_AUTHENTICATED]);
  });

  it('never lets a reader skip an event: cursors become visible in order under concurrent writers', async () => {
    const customer = await createCustomer(t, owner);
    const seen: number[] = [];
    let after = '0';
    let writing = true;
    const reader = (async () => {
      for (;;) {
        // Read `writing` before the request: an empty page only proves the end if every write had
        // already committed when the page's statement ran.
        const finished = !writing;
        const page = await list(owner, { after, limit: '100' });
        for (const event of page.data) seen.push(Number(event.cursor));
        if (page.data.length) after = page.data[page.data.length - 1].cursor;
        if (finished && !page.data.length) break;
      }
    })();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? createCustomer(t, owner)
          : send(owner, 'PUT', `/api/v1/customers/${customer.id}`, { customer: { name: `n${i}` } }),
      ),
    );
    writing = false;
    await reader;
    expect(seen).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });

  describe('stream (/api/v1/events/stream)', () => {
    const open = (account: TestAccount, headers: Record<string, string> = {}) =>
      SseClient.open(`${baseUrl}/api/v1/events/stream`, { ...account.auth, ...headers });

    it('pushes events as they commit, with id = cursor, and heartbeats', async () => {
      await createCustomer(t, owner);
      const stream = await open(owner);
      expect(stream.status).toBe(200);
      expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      const foreign = await open(other);
      try {
        const customer = await createCustomer(t, owner, { name: 'Live' });
        await stream.waitFor((s) => s.events.length === 1);
        const [event] = (await list(owner, { after: '1' })).data;
        expect(stream.events).toEqual([{ id: '2', event: 'customer:created', data: event }]);
        expect(event.payload).toEqual(customer);
        await stream.waitFor((s) => s.frames.some((f) => f.comment === 'heartbeat'), 2000, 'a heartbeat');
        expect(foreign.events).toEqual([]);
      } finally {
        stream.close();
        foreign.close();
      }
    });

    it('resumes after Last-Event-ID from the log, then goes live', async () => {
      for (let i = 0; i < 3; i++) await createCustomer(t, owner);
      const stream = await open(owner, { 'last-event-id': '1' });
      try {
        await stream.waitFor((s) => s.events.length === 2);
        await createCustomer(t, owner);
        await stream.waitFor((s) => s.events.length === 3);
        expect(stream.events.map((f) => f.id)).toEqual(['2', '3', '4']);
      } finally {
        stream.close();
      }
      const filtered = await SseClient.open(
        `${baseUrl}/api/v1/events/stream?after=0&type=customer:updated`,
        owner.auth,
      );
      try {
        await send(owner, 'PUT', `/api/v1/customers/${(await createCustomer(t, owner)).id}`, {
          customer: { name: 'Renamed' },
        });
        await filtered.waitFor((s) => s.events.length === 1);
        expect(filtered.events.map((f) => [f.id, f.event])).toEqual([['6', 'customer:updated']]);
      } finally {
        filtered.close();
      }
      const bad = await t.request('GET', '/api/v1/events/stream', { headers: { ...owner.auth, 'last-event-id': 'x' } });
      expect([bad.statusCode, bad.json()]).toEqual([
        400,
        badRequest({ 'Last-Event-ID': ['is invalid'] }, 'Invalid cursor'),
      ]);
      const anonymous = await t.request('GET', '/api/v1/events/stream');
      expect(anonymous.statusCode).toBe(401);
    });

    it('applies back-pressure: a client that stops reading holds at most one batch in server memory', async () => {
      const stream = await open(owner);
      const streams = t.app.get(EventStreamsService) as unknown as { open: Set<{ writableLength: number }> };
      const count = 400;
      const filler = 'x'.repeat(40_000);
      try {
        stream.response.pause();
        // 400 events of ~40 kB (16 MB) written straight to the log, more than the socket buffers hold.
        await t.db.query(
          `WITH c AS (INSERT INTO event_cursors (account_id, seq) VALUES ($1, $2)
                      ON CONFLICT (account_id) DO UPDATE SET seq = $2 RETURNING seq)
           INSERT INTO events (account_id, seq, type, payload)
           SELECT $1, n, 'customer:updated', json_build_object('filler', $3::text) FROM generate_series(1, $2) n`,
          [owner.accountId, count, filler],
        );
        await t.db.query(`SELECT pg_notify('papercups_events', $1)`, [`${owner.accountId}:${count}`]);
        let peak = 0;
        for (let i = 0; i < 50; i++) {
          for (const raw of streams.open) peak = Math.max(peak, raw.writableLength);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(peak).toBeGreaterThan(0);
        expect(peak).toBeLessThan(100 * 41_000 + 64 * 1024);
        expect(stream.events.length).toBeLessThan(count);
        stream.response.resume();
        await stream.waitFor((s) => s.events.length === count, 20_000, 'every event');
        expect(stream.events.map((f) => Number(f.id))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      } finally {
        stream.close();
      }
    }, 30_000);
  });
});

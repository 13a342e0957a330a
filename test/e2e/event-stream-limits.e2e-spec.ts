import { AddressInfo } from 'node:net';
import { createAccount, createTeammate, TestAccount } from '../support/factories';
import { SseClient } from '../support/sse';
import { createTestApp, TestApp } from '../support/test-app';

/** Event streams are limited per key and end when their key is deleted or their user disabled. */
describe('event stream limits', () => {
  let t: TestApp;
  let account: TestAccount;
  let base: string;
  const open: SseClient[] = [];

  beforeAll(async () => {
    t = await createTestApp({ config: { streamMaxPerKey: 2, apiKeyCacheTtlMs: 1000 } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    account = await createAccount(t);
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await t.close();
  });

  const stream = async (auth: Record<string, string>) => {
    const client = await SseClient.open(`${base}/api/v1/events/stream`, auth);
    open.push(client);
    return client;
  };
  const newKey = async (token: string) => {
    const res = await t.request('POST', '/api/personal_api_keys', {
      headers: { authorization: token },
      payload: { label: 'stream' },
    });
    expect(res.statusCode).toBe(201);
    return { id: res.json().data.id, auth: { authorization: `Bearer ${res.json().data.value}` } };
  };
  const ended = (client: SseClient) =>
    new Promise<void>((resolve) => {
      if (client.response.complete || client.response.destroyed) return resolve();
      client.response.once('end', resolve);
      client.response.once('close', resolve);
    });

  it('EVENT_STREAM_MAX_PER_KEY streams per key (2 here); more is a 429 in the envelope; another key has its own', async () => {
    const first = await stream(account.auth);
    const second = await stream(account.auth);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await stream(account.auth);
    expect(third.status).toBe(429);
    await ended(third);
    const other = await newKey(account.token);
    expect((await stream(other.auth)).status).toBe(200);
    // A closed stream frees its place.
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await stream(account.auth)).status).toBe(200);
  });

  it('a stream ends when its key is deleted (within the key-cache interval)', async () => {
    const key = await newKey(account.token);
    const client = await stream(key.auth);
    expect(client.status).toBe(200);
    const gone = ended(client);
    const res = await t.request('DELETE', `/api/personal_api_keys/${key.id}`, {
      headers: { authorization: account.token },
    });
    expect(res.statusCode).toBe(204);
    const started = Date.now();
    await gone;
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a stream ends when its user is disabled', async () => {
    const mate = await createTeammate(t, account);
    const client = await stream(mate.auth);
    expect(client.status).toBe(200);
    const gone = ended(client);
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [mate.userId]);
    await gone;
  });
});

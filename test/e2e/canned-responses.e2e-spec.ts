import { createAccount, form, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

/** Canned responses (issue 15 item 7): the dashboard's `/api` calls with a session token; `/api/v1` takes a key. */
describe('canned responses (/api/canned_responses, /api/v1/canned_responses)', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
    b = await createAccount(t);
  });
  afterAll(() => t.close());

  const session = (account = a) => ({ authorization: account.token });
  const create = (fields: object, account = a) =>
    t.request('POST', '/api/canned_responses', { headers: session(account), payload: { canned_response: fields } });

  it('creates (201, Location), shows, lists, updates and deletes, in the wire format the dashboard reads', async () => {
    const res = await create({ name: 'greeting', content: 'Hi there! How can we help?' });
    expect(res.statusCode).toBe(201);
    const created = res.json().data;
    expect(created).toEqual({
      id: UUID,
      object: 'canned_response',
      account_id: a.accountId,
      name: 'greeting',
      content: 'Hi there! How can we help?',
      created_at: NAIVE_TIMESTAMP,
      updated_at: NAIVE_TIMESTAMP,
    });
    expect(res.headers.location).toBe(`/api/canned_responses/${created.id}`);
    const path = `/api/canned_responses/${created.id}`;
    expect((await t.request('GET', path, { headers: session() })).json().data).toEqual(created);
    const list = await t.request('GET', '/api/canned_responses', { headers: session() });
    expect(list.json().data.map((r: { id: string }) => r.id)).toEqual([created.id]);
    // updateCannedResponse(id, {content}): only what is sent changes.
    const updated = await t.request('PUT', path, {
      headers: session(),
      payload: { canned_response: { content: 'Hello!' } },
    });
    expect(updated.json().data).toEqual(expect.objectContaining({ name: 'greeting', content: 'Hello!' }));
    const body = form({ 'canned_response[name]': 'hi' });
    const patched = await t.request('PATCH', path, { ...body, headers: { ...body.headers, ...session() } });
    expect(patched.json().data).toEqual(expect.objectContaining({ name: 'hi', content: 'Hello!' }));
    expect((await t.request('DELETE', path, { headers: session() })).statusCode).toBe(204);
    expect((await t.request('GET', path, { headers: session() })).json()).toEqual(NOT_FOUND);
  });

  it('answers every field error at once, a taken name as Papercups does, and blanks on update', async () => {
    expect((await create({})).json()).toEqual(unprocessable({ name: ["can't be blank"], content: ["can't be blank"] }));
    expect((await create({ name: 'dup', content: 'x' })).statusCode).toBe(201);
    expect((await create({ name: 'dup', content: 'y' })).json()).toEqual(
      unprocessable({ name: ['has already been taken'] }),
    );
    // Names are per account.
    expect((await create({ name: 'dup', content: 'z' }, b)).statusCode).toBe(201);
    const { id } = (await create({ name: 'other', content: 'x' })).json().data;
    const renamed = await t.request('PUT', `/api/canned_responses/${id}`, {
      headers: session(),
      payload: { canned_response: { name: 'dup' } },
    });
    expect(renamed.json()).toEqual(unprocessable({ name: ['has already been taken'] }));
    const blank = await t.request('PUT', `/api/canned_responses/${id}`, {
      headers: session(),
      payload: { canned_response: { content: null } },
    });
    expect(blank.statusCode).toBe(422);
  });

  it("is account scoped: B's canned response is a 404 like a missing one and never listed", async () => {
    const theirs = (await create({ name: 'secret', content: 'B only' }, b)).json().data;
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await t.request(method, `/api/canned_responses/${theirs.id}`, {
        headers: session(),
        payload: method === 'PUT' ? { canned_response: { name: 'mine now' } } : undefined,
      });
      expect([method, res.statusCode, res.json()]).toEqual([method, 404, NOT_FOUND]);
    }
    const listed = (await t.request('GET', '/api/canned_responses', { headers: session() })).json().data;
    expect(listed.map((r: { id: string }) => r.id)).not.toContain(theirs.id);
    const [{ name }] = await t.db.query(`SELECT name FROM canned_responses WHERE id = $1`, [theirs.id]);
    expect(name).toBe('secret');
  });

  it('serves /api/v1 with an API key, and each door only its own credential', async () => {
    const v1 = await t.request('POST', '/api/v1/canned_responses', {
      headers: a.auth,
      payload: { canned_response: { name: 'from a key', content: 'x' } },
    });
    expect(v1.statusCode).toBe(201);
    expect((await t.request('GET', '/api/canned_responses', { headers: a.auth })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/canned_responses', { headers: session() })).statusCode).toBe(401);
  });
});

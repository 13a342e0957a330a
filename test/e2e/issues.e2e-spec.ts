import { createAccount, form, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

describe('issues (/api/v1/issues)', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
    b = await createAccount(t);
  });
  afterAll(() => t.close());

  const issueBody = (fields: Record<string, unknown>, account = a) => ({
    id: UUID,
    object: 'issue',
    account_id: account.accountId,
    assignee_id: null,
    body: null,
    closed_at: null,
    created_at: NAIVE_TIMESTAMP,
    creator_id: account.userId,
    github_issue_url: null,
    state: 'unstarted',
    updated_at: NAIVE_TIMESTAMP,
    ...fields,
  });
  const post = (issue: unknown, account = a) =>
    t.request('POST', '/api/v1/issues', { headers: account.auth, payload: { issue } });
  const get = (id: string, account = a) => t.request('GET', `/api/v1/issues/${id}`, { headers: account.auth });
  const createIssue = async (title: string, account = a, fields: Record<string, unknown> = {}) => {
    const res = await post({ title, ...fields }, account);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().data;
  };

  // 401 without a key, and 404 for another account's issue: tenant-isolation.e2e-spec.ts, for every route.

  it('creates an issue: 201, Location, creator and account forced', async () => {
    const res = await post({
      title: 'some title',
      body: 'some body',
      state: 'unstarted',
      github_issue_url: 'https://github.com/o/r/issues/1',
      assignee_id: a.userId,
      creator_id: b.userId,
      account_id: b.accountId,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      data: issueBody({
        title: 'some title',
        body: 'some body',
        github_issue_url: 'https://github.com/o/r/issues/1',
        assignee_id: a.userId,
      }),
    });
    expect(res.headers.location).toBe(`/api/v1/issues/${body.data.id}`);
    expect((await get(body.data.id)).json()).toEqual(body);
  });

  it('creates from a form-encoded body, state defaults to unstarted', async () => {
    const res = await t.request('POST', '/api/v1/issues', {
      ...form({
        'issue[title]': 'Form issue',
        'issue[assignee_id]': String(a.userId),
        'issue[closed_at]': '2021-02-24T17:24:37Z',
      }),
      headers: { ...a.auth, ...form({}).headers },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      data: issueBody({ title: 'Form issue', assignee_id: a.userId, closed_at: '2021-02-24T17:24:37Z' }),
    });
  });

  it('rejects invalid input with 422 and writes nothing', async () => {
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM issues');
    expect((await post({ title: null })).json()).toEqual(unprocessable({ title: ["can't be blank"] }));
    expect((await post({ title: 'x', state: 'wontfix' })).json()).toEqual(unprocessable({ state: ['is invalid'] }));
    expect((await post({ title: 'x', state: null })).json()).toEqual(unprocessable({ state: ["can't be blank"] }));
    expect((await post({ title: 'x', assignee_id: 'abc' })).json()).toEqual(
      unprocessable({ assignee_id: ['is invalid'] }),
    );
    for (const assignee of [b.userId, 999_999]) {
      const res = await post({ title: 'x', assignee_id: assignee });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual(unprocessable({ assignee_id: ['does not exist'] }));
    }
    const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM issues');
    expect(after).toBe(before);
  });

  it('accepts every state', async () => {
    for (const state of ['unstarted', 'in_progress', 'in_review', 'done', 'closed']) {
      expect((await post({ title: state, state })).json().data.state).toBe(state);
    }
  });

  it('updates with PUT and PATCH; null title is 422', async () => {
    const issue = await createIssue('some title', a, { body: 'kept' });
    const put = await t.request('PUT', `/api/v1/issues/${issue.id}`, {
      headers: a.auth,
      payload: { issue: { title: 'some updated title' } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ data: issueBody({ id: issue.id, title: 'some updated title', body: 'kept' }) });
    const patch = await t.request('PATCH', `/api/v1/issues/${issue.id}`, {
      headers: a.auth,
      payload: { issue: { state: 'done', assignee_id: a.userId, body: null } },
    });
    expect(patch.json()).toEqual({
      data: issueBody({ id: issue.id, title: 'some updated title', state: 'done', assignee_id: a.userId }),
    });
    const invalid = await t.request('PUT', `/api/v1/issues/${issue.id}`, {
      headers: a.auth,
      payload: { issue: { title: null } },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toEqual(unprocessable({ title: ["can't be blank"] }));
    const foreignAssignee = await t.request('PUT', `/api/v1/issues/${issue.id}`, {
      headers: a.auth,
      payload: { issue: { assignee_id: b.userId } },
    });
    expect(foreignAssignee.json()).toEqual(unprocessable({ assignee_id: ['does not exist'] }));
    expect((await get(issue.id)).json()).toEqual(patch.json());
  });

  it('deletes (204), then 404', async () => {
    const issue = await createIssue('temporary');
    const res = await t.request('DELETE', `/api/v1/issues/${issue.id}`, { headers: a.auth });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await get(issue.id)).json()).toEqual(NOT_FOUND);
  });

  it('lists newest first with state, assignee_id and q filters, paginated', async () => {
    const c = await createAccount(t);
    const i1 = await createIssue('Login broken', c, { state: 'in_progress', assignee_id: c.userId });
    const i2 = await createIssue('Slow page', c, { body: 'the LOGIN page is slow' });
    const i3 = await createIssue('Typo', c, { state: 'done', github_issue_url: 'https://github.com/x/y/issues/3' });
    await createIssue('Login elsewhere', b);
    const list = async (query: Record<string, string>) => {
      const res = await t.request('GET', '/api/v1/issues', { headers: c.auth, query });
      return res.json();
    };
    const ids = async (query: Record<string, string>) => (await list(query)).data.map((i: { id: string }) => i.id);

    expect((await list({})).data).toEqual([
      issueBody({ id: i3.id, title: 'Typo', state: 'done', github_issue_url: 'https://github.com/x/y/issues/3' }, c),
      issueBody({ id: i2.id, title: 'Slow page', body: 'the LOGIN page is slow' }, c),
      issueBody({ id: i1.id, title: 'Login broken', state: 'in_progress', assignee_id: c.userId }, c),
    ]);
    expect(await ids({ state: 'done' })).toEqual([i3.id]);
    expect(await ids({ assignee_id: 'me' })).toEqual([i1.id]);
    expect(await ids({ assignee_id: String(c.userId) })).toEqual([i1.id]);
    expect(await ids({ assignee_id: '' })).toEqual([i3.id, i2.id]);
    expect(await ids({ q: 'login' })).toEqual([i2.id, i1.id]);
    expect(await ids({ q: 'issues/3' })).toEqual([i3.id]);
    expect(await ids({ q: '%' })).toEqual([]);
    const bad = await t.request('GET', '/api/v1/issues', { headers: c.auth, query: { state: 'wontfix' } });
    expect(bad.statusCode).toBe(400);

    const page1 = await list({ limit: '2' });
    expect(page1).toMatchObject({ previous: null, limit: 2, total: 3 });
    expect(page1.data.map((i: { id: string }) => i.id)).toEqual([i3.id, i2.id]);
    expect(await ids({ limit: '2', after: page1.next })).toEqual([i1.id]);
  });
});

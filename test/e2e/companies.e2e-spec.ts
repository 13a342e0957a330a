import { createAccount, createCustomer, form, TestAccount } from '../support/factories';
import { NAIVE_TIMESTAMP, NOT_FOUND, unprocessable, UUID } from '../support/expectations';
import { createTestApp, TestApp } from '../support/test-app';

const EMPTY = {
  description: null,
  external_id: null,
  industry: null,
  logo_image_url: null,
  metadata: null,
  slack_channel_id: null,
  slack_channel_name: null,
  slack_team_id: null,
  slack_team_name: null,
  website_url: null,
};

describe('companies (/api/v1/companies)', () => {
  let t: TestApp;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createAccount(t);
    b = await createAccount(t);
  });
  afterAll(() => t.close());

  const companyBody = (fields: Record<string, unknown>, account = a) => ({
    id: UUID,
    object: 'company',
    account_id: account.accountId,
    created_at: NAIVE_TIMESTAMP,
    updated_at: NAIVE_TIMESTAMP,
    ...EMPTY,
    ...fields,
  });
  const post = (company: unknown, account = a) =>
    t.request('POST', '/api/v1/companies', { headers: account.auth, payload: { company } });
  const get = (id: string, account = a) => t.request('GET', `/api/v1/companies/${id}`, { headers: account.auth });
  const createCompany = async (name: string, account = a) => {
    const res = await post({ name }, account);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json().data;
  };

  it('creates a company with every field: 201, Location, account forced to the caller', async () => {
    const fields = {
      name: 'Test Co',
      external_id: 'ext-1',
      website_url: 'https://test.co',
      description: 'We test',
      logo_image_url: 'https://test.co/logo.png',
      industry: 'Software',
      slack_channel_id: 'C123',
      slack_channel_name: '#test',
      slack_team_id: 'T1',
      slack_team_name: 'Test team',
      metadata: { tier: 'gold', seats: 5 },
    };
    const res = await post({ ...fields, account_id: b.accountId });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({ data: companyBody(fields) });
    expect(res.headers.location).toBe(`/api/v1/companies/${body.data.id}`);
    expect((await get(body.data.id)).json()).toEqual(body);
    expect((await get(body.data.id, b)).statusCode).toBe(404);
  });

  it('creates from a form-encoded body', async () => {
    const res = await t.request('POST', '/api/v1/companies', {
      ...form({ 'company[name]': 'Form Co', 'company[industry]': 'Retail', 'company[metadata][plan]': 'pro' }),
      headers: { ...a.auth, ...form({}).headers },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      data: companyBody({ name: 'Form Co', industry: 'Retail', metadata: { plan: 'pro' } }),
    });
  });

  it('rejects a missing name, bad types and a missing wrapper; writes nothing', async () => {
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM companies');
    const allNull = Object.fromEntries(['name', ...Object.keys(EMPTY)].map((key) => [key, null]));
    expect((await post(allNull)).json()).toEqual(unprocessable({ name: ["can't be blank"] }));
    expect((await post({ name: 'X', metadata: 'not an object', industry: 42 })).json()).toEqual(
      unprocessable({ metadata: ['is invalid'], industry: ['is invalid'] }),
    );
    const noWrapper = await t.request('POST', '/api/v1/companies', { headers: a.auth, payload: { name: 'Flat' } });
    expect(noWrapper.statusCode).toBe(400);
    const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM companies');
    expect(after).toBe(before);
  });

  it('updates with PUT and PATCH; account_id stays', async () => {
    const company = await createCompany('Old name');
    const changes = {
      description: 'd',
      external_id: 'e',
      industry: 'i',
      logo_image_url: 'l',
      metadata: {},
      name: 'New name',
      slack_channel_id: 's',
      slack_channel_name: 'n',
      website_url: 'w',
    };
    const put = await t.request('PUT', `/api/v1/companies/${company.id}`, {
      headers: a.auth,
      payload: { company: { ...changes, account_id: b.accountId } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ data: companyBody({ ...changes, id: company.id }) });
    const patch = await t.request('PATCH', `/api/v1/companies/${company.id}`, {
      headers: a.auth,
      payload: { company: { industry: null } },
    });
    expect(patch.json()).toEqual({ data: companyBody({ ...changes, id: company.id, industry: null }) });
    expect((await get(company.id)).json()).toEqual(patch.json());
  });

  it('an update with a null name is 422 and changes nothing', async () => {
    const company = await createCompany('Stays');
    const res = await t.request('PUT', `/api/v1/companies/${company.id}`, {
      headers: a.auth,
      payload: { company: { name: null } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual(unprocessable({ name: ["can't be blank"] }));
    expect((await get(company.id)).json().data.name).toBe('Stays');
  });

  it('deletes (204); its customers stay with company_id null', async () => {
    const company = await createCompany('Gone');
    const customer = await createCustomer(t, a, { company_id: company.id });
    const res = await t.request('DELETE', `/api/v1/companies/${company.id}`, { headers: a.auth });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await get(company.id)).json()).toEqual(NOT_FOUND);
    const after = (await t.request('GET', `/api/v1/customers/${customer.id}`, { headers: a.auth })).json().data;
    expect(after).toMatchObject({ id: customer.id, company_id: null, company: null });
  });

  // 401 without a key, and 404 for another account's company: tenant-isolation.e2e-spec.ts, for every route.
  it('a malformed id is a 400', async () => {
    expect((await get('42')).statusCode).toBe(400);
  });

  it("lists the account's companies newest first, paginated", async () => {
    const c = await createAccount(t);
    for (const name of ['first', 'second', 'third']) await createCompany(name, c);
    await createCompany('someone else', b);
    const page1 = (await t.request('GET', '/api/v1/companies', { headers: c.auth, query: { limit: '2' } })).json();
    expect(page1).toEqual({
      data: [companyBody({ name: 'third' }, c), companyBody({ name: 'second' }, c)],
      next: expect.any(String),
      previous: null,
      limit: 2,
      total: 3,
    });
    const page2 = (
      await t.request('GET', '/api/v1/companies', { headers: c.auth, query: { limit: '2', after: page1.next } })
    ).json();
    expect(page2).toEqual({
      data: [companyBody({ name: 'first' }, c)],
      next: null,
      previous: expect.any(String),
      limit: 2,
      total: 3,
    });
    expect((await t.request('GET', '/api/v1/companies', { headers: c.auth, query: { limit: '0' } })).statusCode).toBe(
      400,
    );
  });
});

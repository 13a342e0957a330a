import { createAccount, createCustomer, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** created_after / created_before / updated_after / updated_before on the lists of the other resources. */
describe('date ranges on every list', () => {
  let t: TestApp;
  let account: TestAccount;
  const ids: Record<string, string | number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    account = await createAccount(t);
    const post = async (path: string, body: object) => {
      const res = await t.request('POST', path, { headers: account.auth, payload: body });
      expect(res.statusCode).toBe(201);
      return res.json().data.id;
    };
    const customer = await createCustomer(t, account);
    ids.tags = await post('/api/v1/tags', { tag: { name: 'vip' } });
    ids.companies = await post('/api/v1/companies', { company: { name: 'Acme' } });
    ids.notes = await post('/api/v1/notes', { note: { body: 'hello', customer_id: customer.id } });
    ids.issues = await post('/api/v1/issues', { issue: { title: 'Bug' } });
    ids.users = account.userId;
  });
  afterAll(() => t.close());

  const list = (resource: string, query: Record<string, string>) =>
    t.request('GET', `/api/v1/${resource}`, { headers: account.auth, query });
  const past = '2000-01-01T00:00:00Z';
  const future = '2999-01-01T00:00:00Z';

  it.each(['tags', 'companies', 'notes', 'issues', 'users'])(
    'filters %s by created and updated time',
    async (resource) => {
      const idsOf = async (query: Record<string, string>) => {
        const res = await list(resource, query);
        expect(res.statusCode).toBe(200);
        return res.json().data.map((item: { id: string }) => item.id);
      };
      expect(await idsOf({ created_after: past, created_before: future })).toEqual([ids[resource]]);
      expect(await idsOf({ updated_after: past, updated_before: future })).toEqual([ids[resource]]);
      expect(await idsOf({ created_after: future })).toEqual([]);
      expect(await idsOf({ updated_before: past })).toEqual([]);

      const bad = await list(resource, { created_after: 'yesterday' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({
        error: { status: 400, message: 'Bad Request', errors: { created_after: ['is invalid'] } },
      });
    },
  );
});

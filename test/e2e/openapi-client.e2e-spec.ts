import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAccount, TestAccount } from '../support/factories';
import { Receiver } from '../support/receiver';
import { ROOT } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * What a newcomer does with the OpenAPI document: generate types with openapi-typescript, write a client with
 * openapi-fetch, compile it with tsc (strict), run it. The client below creates, retrieves and lists every
 * resource; a field typed wrongly in a request schema fails the compile, a wrong response shape fails a check.
 */
const DRIVER = `
import createClient from 'openapi-fetch';
import type { paths } from './schema';

type Result = { data?: unknown; error?: unknown; response: Response };

/** The body of a response with the expected status, or an error naming what came back. */
function ok<R extends Result>(result: R, status: number, what: string): NonNullable<R['data']> {
  if (result.response.status !== status || result.data === undefined) {
    throw new Error(\`\${what}: \${result.response.status} \${JSON.stringify(result.error ?? result.data)}\`);
  }
  return result.data as NonNullable<R['data']>;
}

export async function drive(baseUrl: string, apiKey: string, sessionToken: string, webhookUrl: string, userId: number) {
  const v1 = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${apiKey}\` } });
  const session = createClient<paths>({ baseUrl, headers: { authorization: sessionToken } });
  const seen: Record<string, { created: string; retrieved: string; listed: number }> = {};

  const company = ok(await v1.POST('/api/v1/companies', { body: { company: { name: 'Acme', industry: 'Tools' } } }), 201, 'create company').data;
  const companyBack = ok(await v1.GET('/api/v1/companies/{id}', { params: { path: { id: company.id } } }), 200, 'retrieve company').data;
  const companies = ok(await v1.GET('/api/v1/companies', {}), 200, 'list companies').data;
  seen.companies = { created: company.id, retrieved: companyBack.name, listed: companies.length };

  const customer = ok(
    await v1.POST('/api/v1/customers', { body: { customer: { name: 'Alex', email: 'alex@example.com', company_id: company.id } } }),
    201,
    'create customer',
  ).data;
  const customerBack = ok(await v1.GET('/api/v1/customers/{id}', { params: { path: { id: customer.id } } }), 200, 'retrieve customer').data;
  const customers = ok(await v1.GET('/api/v1/customers', { params: { query: { limit: 10 } } }), 200, 'list customers');
  // The customer list also documents its CSV answer (\`format=csv\`): a string to rule out first.
  const customerRows = typeof customers === 'string' ? [] : customers.data;
  seen.customers = { created: customer.id, retrieved: String(customerBack.name), listed: customerRows.length };

  const conversation = ok(
    await v1.POST('/api/v1/conversations', { body: { conversation: { customer_id: customer.id, subject: 'Hello', source: 'api' } } }),
    201,
    'create conversation',
  ).data;
  const conversationBack = ok(await v1.GET('/api/v1/conversations/{id}', { params: { path: { id: conversation.id } } }), 200, 'retrieve conversation').data;
  const conversations = ok(await v1.GET('/api/v1/conversations', {}), 200, 'list conversations').data;
  seen.conversations = { created: conversation.id, retrieved: String(conversationBack.subject), listed: conversations.length };

  const message = ok(
    await v1.POST('/api/v1/messages', { body: { message: { conversation_id: conversation.id, body: 'How can I help?' } } }),
    201,
    'create message',
  ).data;
  const messageBack = ok(await v1.GET('/api/v1/messages/{id}', { params: { path: { id: message.id } } }), 200, 'retrieve message').data;
  const messages = ok(await v1.GET('/api/v1/messages', { params: { query: { conversation_id: conversation.id } } }), 200, 'list messages').data;
  seen.messages = { created: message.id, retrieved: String(messageBack.body), listed: messages.length };

  const tag = ok(await v1.POST('/api/v1/tags', { body: { tag: { name: 'vip', color: 'gold' } } }), 201, 'create tag').data;
  const tagBack = ok(await v1.GET('/api/v1/tags/{id}', { params: { path: { id: tag.id } } }), 200, 'retrieve tag').data;
  const tags = ok(await v1.GET('/api/v1/tags', {}), 200, 'list tags').data;
  seen.tags = { created: tag.id, retrieved: tagBack.name, listed: tags.length };

  const note = ok(await v1.POST('/api/v1/notes', { body: { note: { customer_id: customer.id, body: 'Prefers email' } } }), 201, 'create note').data;
  const noteBack = ok(await v1.GET('/api/v1/notes/{id}', { params: { path: { id: note.id } } }), 200, 'retrieve note').data;
  const notes = ok(await v1.GET('/api/v1/notes', {}), 200, 'list notes').data;
  seen.notes = { created: note.id, retrieved: noteBack.body, listed: notes.length };

  const issue = ok(await v1.POST('/api/v1/issues', { body: { issue: { title: 'Broken button', state: 'in_progress' } } }), 201, 'create issue').data;
  const issueBack = ok(await v1.GET('/api/v1/issues/{id}', { params: { path: { id: issue.id } } }), 200, 'retrieve issue').data;
  const issues = ok(await v1.GET('/api/v1/issues', {}), 200, 'list issues').data;
  seen.issues = { created: issue.id, retrieved: issueBack.title, listed: issues.length };

  const subscription = ok(
    await v1.POST('/api/v1/event_subscriptions', { body: { event_subscription: { webhook_url: webhookUrl, event_types: ['message:created'] } } }),
    201,
    'create event subscription',
  ).data;
  const subscriptionBack = ok(
    await v1.GET('/api/v1/event_subscriptions/{id}', { params: { path: { id: subscription.id } } }),
    200,
    'retrieve event subscription',
  ).data;
  const subscriptions = ok(await v1.GET('/api/v1/event_subscriptions', {}), 200, 'list event subscriptions').data;
  seen.event_subscriptions = { created: subscription.id, retrieved: subscriptionBack.webhook_url, listed: subscriptions.length };

  // Users are created by registration and invitation, not by the API: retrieve and list.
  const user = ok(await v1.GET('/api/v1/users/{id}', { params: { path: { id: userId } } }), 200, 'retrieve user').data;
  const users = ok(await v1.GET('/api/v1/users', {}), 200, 'list users').data;
  seen.users = { created: String(user.id), retrieved: user.email, listed: users.length };

  const key = ok(await session.POST('/api/personal_api_keys', { body: { label: 'generated client' } }), 201, 'create personal API key').data;
  const keyBack = ok(await session.GET('/api/personal_api_keys/{id}', { params: { path: { id: key.id } } }), 200, 'retrieve personal API key').data;
  const keys = ok(await session.GET('/api/personal_api_keys', {}), 200, 'list personal API keys').data;
  seen.personal_api_keys = { created: key.id, retrieved: keyBack.label ?? '', listed: keys.length };

  return seen;
}
`;

describe('a client generated from the OpenAPI document (openapi-typescript + openapi-fetch)', () => {
  const receiver = new Receiver();
  // Inside node_modules: the generated files resolve openapi-fetch from the project, and no linter, tsc
  // project or git status sees them.
  const dir = join(ROOT, 'node_modules', '.cache', `openapi-client-spec-${process.pid}`);
  let t: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({ config: { webhooks: { allowPrivateUrls: true, pollIntervalMs: 50 } } });
    await t.app.listen(0, '127.0.0.1');
    account = await createAccount(t);
    mkdirSync(dir, { recursive: true });
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates, compiles with tsc --strict, and creates, retrieves and lists every resource', async () => {
    writeFileSync(join(dir, 'openapi.json'), (await t.request('GET', '/api/openapi.json')).body);
    const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
    execFileSync(bin('openapi-typescript'), [join(dir, 'openapi.json'), '-o', join(dir, 'schema.d.ts')], {
      stdio: 'pipe',
    });
    writeFileSync(join(dir, 'drive.ts'), DRIVER);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['ES2022', 'DOM'],
          types: [],
          skipLibCheck: true,
          outDir: 'out',
        },
        files: ['drive.ts', 'schema.d.ts'],
      }),
    );
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
        stdio: 'pipe',
      });
    } catch (error: any) {
      throw new Error(`the generated client does not compile:\n${error.stdout}${error.stderr}`, { cause: error });
    }

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { drive } = require(join(dir, 'out', 'drive.js'));
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const seen = await drive(`http://127.0.0.1:${port}`, account.apiKey, account.token, receiver.url(), account.userId);
    expect(Object.keys(seen).sort()).toEqual(
      [
        'companies',
        'conversations',
        'customers',
        'event_subscriptions',
        'issues',
        'messages',
        'notes',
        'personal_api_keys',
        'tags',
        'users',
      ].sort(),
    );
    expect(seen).toMatchObject({
      companies: { retrieved: 'Acme', listed: 1 },
      customers: { retrieved: 'Alex', listed: 1 },
      conversations: { retrieved: 'Hello', listed: 1 },
      messages: { retrieved: 'How can I help?', listed: 1 },
      tags: { retrieved: 'vip', listed: 1 },
      notes: { retrieved: 'Prefers email', listed: 1 },
      issues: { retrieved: 'Broken button', listed: 1 },
      event_subscriptions: { retrieved: receiver.url(), listed: 1 },
      users: { created: String(account.userId), retrieved: account.email, listed: 1 },
      personal_api_keys: { retrieved: 'generated client' },
    });
  }, 120_000);
});

import { MIGRATIONS } from '../../src/database/typeorm.options';
import type { Client } from 'pg';
import { connectSource } from '../../src/papercups-import/databases';
import { ImportReport } from '../../src/papercups-import/report';
import {
  CliResult,
  createEmptyDatabase,
  createPapercupsDatabase,
  digestTables,
  IMPORTED_TABLES,
  PAPERCUPS,
  runImportCli,
  withClient,
} from '../support/papercups-fixture';
import { asPapercupsSees, PapercupsOracle } from '../support/papercups-oracle';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(300_000);

/** Per table: rows in the fixture, imported, already present, skipped, adjusted (a fresh target). */
const COUNTS: [string, number, number, number, number][] = [
  ['accounts', 3, 3, 0, 1],
  ['users', 9, 8, 1, 1],
  ['user_profiles', 4, 3, 1, 0],
  ['user_settings', 2, 2, 0, 0],
  ['personal_api_keys', 4, 2, 2, 0],
  ['inboxes', 5, 5, 0, 1],
  ['companies', 3, 3, 0, 1],
  ['customers', 8, 8, 0, 4],
  ['tags', 6, 5, 1, 2],
  ['conversations', 13, 11, 2, 4],
  ['messages', 30, 27, 3, 2],
  ['mentions', 1, 1, 0, 0],
  ['conversation_tags', 6, 5, 1, 1],
  ['customer_tags', 3, 3, 0, 0],
  ['notes', 3, 2, 1, 0],
  ['issues', 3, 3, 0, 3],
  ['event_subscriptions', 5, 3, 2, 0],
  ['canned_responses', 1, 1, 0, 0],
  ['user_invitations', 1, 1, 0, 0],
  ['customer_issues', 1, 1, 0, 0],
  ['widget_settings', 1, 1, 0, 0],
  ['files', 1, 1, 0, 0],
  ['message_files', 1, 1, 0, 0],
];
const tableCounts = (report: ImportReport) =>
  report.tables.map((t) => [t.table, t.source, t.imported, t.present, t.skipped, t.adjusted]);
const freshCounts = () =>
  COUNTS.map(([table, source, imported, skipped, adjusted]) => [table, source, imported, 0, skipped, adjusted]);

/** Every row the fixture's edge-case account holds that has no place here, with the importer's reason. */
const SKIPS: [string, RegExp][] = [
  ['users', /^email grace@edge\.test is user 8's, in another case$/],
  ['user_profiles', /^user_id 9: that user is skipped$/],
  ['personal_api_keys', /^has no key value$/],
  ['personal_api_keys', /^user_id 5: that user belongs to another account$/],
  ['tags', /^account_id is null$/],
  ['conversations', /^customer_id is null$/],
  ['conversations', /^customer_id [0-9a-f-]{36}: that customer belongs to another account$/],
  ['messages', /^conversation_id is null$/],
  ['messages', /^conversation_id [0-9a-f-]{36}: that conversation is skipped$/],
  ['messages', /^conversation_id [0-9a-f-]{36}: that conversation belongs to another account$/],
  ['conversation_tags', /^tag_id [0-9a-f-]{36}: that tag belongs to another account$/],
  ['notes', /^author_id 9: that user is skipped$/],
  ['event_subscriptions', /^has no webhook_url$/],
  ['event_subscriptions', /^account_id is null$/],
];

const parseReport = (result: CliResult): ImportReport => {
  if (result.code !== 0) throw new Error(`import failed (${result.code}):\n${result.stderr}`);
  return JSON.parse(result.stdout);
};

describe('Moving from Papercups: npm run import:papercups (e2e)', () => {
  let source: { url: string; drop: () => Promise<void> };
  let emptySource: { url: string; drop: () => Promise<void> };
  let sourceDb: Client;
  let oracle: PapercupsOracle;
  let t: TestApp;
  let targetUrl: string;
  let first: ImportReport;
  let firstStderr: string;
  let digestAfterImport: Record<string, string>;
  const others: { drop: () => Promise<void> }[] = [];

  const importInto = (url: string, ...args: string[]) => runImportCli(['--from', source.url, '--to', url, ...args]);
  /** A database with this server's schema and nothing else: importing an empty Papercups database migrates it. */
  const migratedDatabase = async () => {
    const db = await createEmptyDatabase();
    others.push(db);
    parseReport(await runImportCli(['--from', emptySource.url, '--to', db.url, '--json']));
    return db;
  };
  const acme = { authorization: `Bearer ${PAPERCUPS.keys.alice}` };
  const get = async (path: string, headers = acme) => {
    const res = await t.request('GET', path, { headers });
    if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode} ${res.body}`);
    return res.json().data;
  };
  const login = (email: string, password: string) =>
    t.request('POST', '/api/session', { payload: { user: { email, password } } });
  const storedHash = async (id: number) =>
    (await t.db.query('SELECT password_hash FROM users WHERE id = $1', [id]))[0].password_hash as string;

  beforeAll(async () => {
    source = await createPapercupsDatabase();
    emptySource = await createPapercupsDatabase({ empty: true });
    sourceDb = await connectSource(source.url);
    oracle = new PapercupsOracle(sourceDb);
    t = await createTestApp();
    targetUrl = (t.db.options as { url: string }).url;
    const result = await importInto(targetUrl, '--json');
    first = parseReport(result);
    firstStderr = result.stderr;
    digestAfterImport = await digestTables(targetUrl, { withSecrets: false });
  });

  afterAll(async () => {
    await sourceDb?.end();
    await t?.close();
    for (const db of [source, emptySource, ...others]) await db?.drop();
  });

  describe('--dry-run', () => {
    it('reports what would be imported and every row it would skip, and writes nothing', async () => {
      const fresh = await createEmptyDatabase();
      others.push(fresh);
      const result = await importInto(fresh.url, '--dry-run', '--json');
      const report = parseReport(result);
      expect(report.dryRun).toBe(true);
      expect(tableCounts(report)).toEqual(freshCounts());
      expect(report.skipped.map((s) => [s.table, s.reason])).toEqual(
        SKIPS.map(([table, reason]) => [table, expect.stringMatching(reason)]),
      );
      expect(report.conflicts).toEqual([]);
      expect(report.notImported.filter((n) => n.rows > 0).map((n) => [n.table, n.rows])).toEqual([
        ['inbox_members', 2],
        ['conversation_issues', 1],
        ['slack_authorizations', 1],
      ]);
      expect(result.stderr).toContain(`The target lacks ${MIGRATIONS.length} migration(s); a real run applies them.`);
      // Not even the schema: a dry run leaves the database as it found it.
      const tables = await withClient(fresh.url, (c) =>
        c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`),
      );
      expect(tables.rows[0].n).toBe(0);
    });

    it('prints the same as a readable table, with the skipped rows and adjusted values', async () => {
      const result = await importInto(targetUrl, '--dry-run');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^table\s+papercups\s+would import\s+present\s+skipped\s+adjusted$/m);
      expect(result.stdout).toMatch(/^messages\s+30\s+0\s+27\s+3\s+2$/m);
      expect(result.stdout).toContain('Skipped rows (14):');
      expect(result.stdout).toMatch(/users 9: email grace@edge\.test is user 8's, in another case/);
      expect(result.stdout).toMatch(
        /conversations\.priority: "high" is not one of priority, not_priority: set to "not_priority" \(1; e\.g\. /,
      );
      expect(result.stdout).toMatch(/^ {2}inbox_members\s+2 rows: no inbox membership here yet/m);
      expect(result.stdout).toContain('Dry run: nothing written');
    });
  });

  describe('the import', () => {
    it('copies every table it has a home for, counting rows per table, with progress on stderr', () => {
      expect(first.dryRun).toBe(false);
      expect(tableCounts(first)).toEqual(freshCounts());
      expect(first.conflicts).toEqual([]);
      // Not a terminal: plain progress lines, one when a table starts and one when it is done.
      expect(firstStderr).toMatch(/^messages: 30 rows$/m);
      expect(firstStderr).toMatch(/^messages: done, 30 rows, [\d,]+ rows\/s$/m);
    });

    it('keeps every id and timestamp exactly', async () => {
      const pairs = [
        ['accounts', 'id::text, inserted_at', 'id::text, created_at'],
        [
          'users',
          'id::text, lower(email), inserted_at, updated_at, disabled_at, archived_at',
          'id::text, email, created_at, updated_at, disabled_at, archived_at',
        ],
        ['customers', 'id::text, inserted_at, updated_at, first_seen', 'id::text, created_at, updated_at, first_seen'],
        [
          'conversations',
          'id::text, inserted_at, closed_at, first_replied_at, archived_at',
          'id::text, created_at, closed_at, first_replied_at, archived_at',
        ],
        [
          'messages',
          'id::text, inserted_at, updated_at, sent_at, seen_at',
          'id::text, created_at, updated_at, sent_at, seen_at',
        ],
      ];
      for (const [table, papercups, ours] of pairs) {
        const skippedIds = first.skipped.filter((s) => s.table === table).map((s) => String(s.id));
        const theirs = (await sourceDb.query(`SELECT ${papercups} FROM ${table} ORDER BY id`)).rows
          .filter((r) => !skippedIds.includes(r.id))
          .map((r) => Object.values(r).map((v) => (v == null ? null : String(v).replace(' ', 'T').slice(0, 19))));
        // Papercups' naive timestamps are UTC: this server's timestamptz values, printed in UTC, equal them.
        const mine = (
          await t.db.query(
            `SELECT ${ours
              .split(', ')
              .map((c) => (/_at$/.test(c) ? `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS ${c}` : c))
              .join(', ')} FROM ${table} ORDER BY id`,
          )
        ).map((r: Record<string, unknown>) => Object.values(r).map((v) => (v == null ? null : String(v).slice(0, 19))));
        expect({ table, rows: mine }).toEqual({ table, rows: theirs });
      }
    });

    it('answers what Papercups answers for the same rows', async () => {
      for (const id of [PAPERCUPS.conversations.c1, PAPERCUPS.conversations.c4]) {
        const theirs = await oracle.conversation(id);
        expect(asPapercupsSees(await get(`/api/v1/conversations/${id}`), theirs)).toEqual(theirs);
      }
      const list = await t.request('GET', '/api/v1/conversations', { headers: acme, query: { limit: '100' } });
      const ids = await oracle.conversationIds(PAPERCUPS.accounts.acme);
      expect(list.json().data.map((c: { id: string }) => c.id)).toEqual(ids);
      expect(list.json().total).toBe(ids.length);
      for (const id of [
        PAPERCUPS.messages.m14,
        (await get(`/api/v1/conversations/${PAPERCUPS.conversations.c1}`)).messages[1].id,
      ]) {
        const theirs = await oracle.message(id);
        expect(asPapercupsSees(await get(`/api/v1/messages/${id}`), theirs)).toEqual(theirs);
      }
      for (const userId of [1, 2, 3, 4]) {
        const theirs = await oracle.user(userId);
        expect(asPapercupsSees(await get(`/api/v1/users/${userId}`), theirs)).toEqual(theirs);
      }
      const byId = async (path: string, render: (id: string) => Promise<object>) => {
        const ours = await get(path);
        const theirs = await oracle.each(ours, (row: { id: string }) => render(row.id));
        expect(asPapercupsSees(ours, theirs)).toEqual(theirs);
        return ours.length;
      };
      expect(await byId('/api/v1/tags', (id) => oracle.tag(id))).toBe(3);
      expect(await byId('/api/v1/notes', (id) => oracle.note(id))).toBe(2);
      expect(await byId('/api/v1/issues', (id) => oracle.issue(id))).toBe(2);
      expect(await byId('/api/v1/companies', (id) => oracle.company(id))).toBe(1);
      expect(await byId('/api/v1/event_subscriptions', (id) => oracle.eventSubscription(id))).toBe(2);
      const customers = await get('/api/v1/customers');
      expect(customers).toHaveLength(5);
      for (const customer of customers) {
        const theirs = await oracle.customer(customer.id);
        // The oldest customer has no last_seen_at in Papercups, only the legacy `last_seen` date it is taken from.
        if (theirs.last_seen_at === null) {
          expect([customer.id, customer.last_seen_at]).toEqual([customer.id, '2020-12-24T00:00:00Z']);
          theirs.last_seen_at = customer.last_seen_at;
        }
        expect(asPapercupsSees(customer, theirs)).toEqual(theirs);
      }
    });

    it('brings the widget settings and the files messages carry', async () => {
      const settings = await t.request('GET', '/api/widget_settings', {
        query: { account_id: PAPERCUPS.accounts.acme, inbox_id: '4c000000-0155-400b-800b-000000015445' },
      });
      expect(settings.json().data).toMatchObject({
        id: 'b0000000-0bbf-4061-8061-0000000bb88f',
        title: 'Welcome to Acme',
        subtitle: 'Ask us anything',
        color: '#1890ff',
        greeting: 'Hi there!',
        created_at: '2021-01-05T14:03:11',
      });
      const message = await get('/api/v1/messages/9c000000-06a9-4037-8037-00000006a559');
      expect(message.attachments).toEqual([
        {
          id: 'b1000000-0ba0-4060-8060-0000000b99a0',
          object: 'file',
          file_url: 'https://papercups-files.s3.amazonaws.com/abc-screenshot.png',
          content_type: 'image/png',
          filename: 'screenshot.png',
        },
      ]);
    });

    it("gives Papercups' reporting figures for a past period", async () => {
      for (const [from, to] of [
        ['2021-04-01T00:00:00', '2021-05-01T00:00:00'],
        ['2020-10-01T00:00:00', '2021-07-01T00:00:00'],
      ]) {
        const ours = await t.request('GET', '/api/v1/reporting', {
          headers: acme,
          query: { from_date: `${from}Z`, to_date: `${to}Z` },
        });
        expect(ours.statusCode).toBe(200);
        expect(ours.json().data).toEqual(await oracle.report(PAPERCUPS.accounts.acme, from, to));
      }
      // Not trivially equal: the April figures have content.
      const april = await oracle.report(PAPERCUPS.accounts.acme, '2021-04-01T00:00:00', '2021-05-01T00:00:00');
      expect(april.messages_by_date.length).toBeGreaterThan(5);
      expect(april.average_time_to_first_reply).toBeGreaterThan(0);
    });

    it('accepts a Papercups API key as the bearer key it was', async () => {
      expect(await get('/api/v1/me')).toEqual({
        id: 1,
        account_id: PAPERCUPS.accounts.acme,
        email: 'alice@acme.test',
        role: 'admin',
      });
      expect(await get('/api/v1/me', { authorization: `Bearer ${PAPERCUPS.keys.erin}` })).toEqual({
        id: 5,
        account_id: PAPERCUPS.accounts.globex,
        email: 'erin@globex.test',
        role: 'admin',
      });
      const stray = await t.request('GET', '/api/v1/me', {
        headers: { authorization: `Bearer ${PAPERCUPS.keys.stray}` },
      });
      expect(stray.statusCode).toBe(401);
      // Only a hash is stored, never the key Papercups kept in plain text.
      const stored = await t.db.query(
        `SELECT count(*)::int AS n FROM personal_api_keys WHERE key_hash = $1 OR key_prefix = $2`,
        [PAPERCUPS.keys.alice, PAPERCUPS.keys.alice],
      );
      expect(stored[0].n).toBe(0);
      const keys = await t.request('GET', '/api/personal_api_keys', {
        headers: {
          authorization: (await login(PAPERCUPS.passwords.erin.email, PAPERCUPS.passwords.erin.password)).json().data
            .token,
        },
      });
      const [theirs] = (
        await sourceDb.query(`SELECT * FROM personal_api_keys WHERE user_id = 5 AND account_id = $1`, [
          PAPERCUPS.accounts.globex,
        ])
      ).rows;
      expect(keys.json().data).toEqual([
        expect.objectContaining({
          id: theirs.id,
          object: 'personal_api_key',
          label: 'API Key',
          account_id: PAPERCUPS.accounts.globex,
          user_id: 5,
          prefix: 'SFMyNTY.g2g',
          value: null,
        }),
      ]);
    });

    it('logs a Papercups user in with their Papercups password and rehashes it to this server’s scheme', async () => {
      const { id, email, password } = PAPERCUPS.passwords.alice;
      expect(await storedHash(id)).toMatch(/^\$pbkdf2-sha512\$100000\$/);
      expect((await login(email, 'not-the-password')).statusCode).toBe(401);
      expect(await storedHash(id)).toMatch(/^\$pbkdf2-sha512\$/);
      const res = await login(email, password);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual(
        expect.objectContaining({ user_id: 1, email, account_id: PAPERCUPS.accounts.acme }),
      );
      expect(await storedHash(id)).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect((await login(email, password)).statusCode).toBe(200);
      // Emails are stored lower-case, as this server looks them up.
      expect((await login('Grace@Edge.test', PAPERCUPS.passwords.grace.password)).statusCode).toBe(200);
      // A disabled user is refused, and keeps the old hash until a login succeeds.
      const carol = PAPERCUPS.passwords.carol;
      expect((await login(carol.email, carol.password)).json()).toEqual({
        error: {
          status: 401,
          message: 'Your account is disabled. Please contact your team admin to enable your account.',
        },
      });
      expect(await storedHash(carol.id)).toMatch(/^\$pbkdf2-sha512\$/);
      // A user without a password hash in Papercups cannot log in with any password.
      expect((await login('henry@edge.test', '!')).statusCode).toBe(401);
    });

    it("carries the dashboard's settings over: working hours, account settings, canned responses, issue links, invitations", async () => {
      const { alice } = PAPERCUPS.passwords;
      const headers = { authorization: (await login(alice.email, alice.password)).json().data.token };
      const account = (await t.request('GET', '/api/accounts/me', { headers })).json().data;
      expect(account).toEqual(
        expect.objectContaining({
          company_logo_url: 'https://acme.test/logo.png',
          time_zone: 'America/New_York',
          working_hours: [{ day: 'weekdays', start_minute: 540, end_minute: 1020 }],
          settings: expect.objectContaining({ disable_automated_reply_emails: false }),
        }),
      );
      const replies = (await t.request('GET', '/api/canned_responses', { headers })).json().data;
      expect(replies.map((r: { name: string }) => r.name)).toEqual(['reset']);
      const customer = '6a000000-028b-4015-8015-00000002899b';
      const shown = (await t.request('GET', `/api/customers/${customer}?expand[]=issues`, { headers })).json().data;
      expect(shown.issues.map((i: { id: string }) => i.id)).toEqual(['ae000000-0aa8-4058-8058-0000000aa228']);
      // The fixture's invitation expired in 2021: its token is known, and refused as expired.
      const registration = await t.request('POST', '/api/registration', {
        payload: {
          user: {
            email: 'invited@acme.test',
            password: 'long enough password',
            password_confirmation: 'long enough password',
            invite_token: 'b5000000-0c3b-4065-8065-0000000c344b',
          },
        },
      });
      expect([registration.statusCode, registration.json().error.message]).toEqual([
        403,
        'Invitation token has expired',
      ]);
      // Roles and disabled/archived state came over (carol is disabled, see the login test).
      const users = account.users.map((u: { email: string; role: string }) => [u.email, u.role]);
      expect(users).toEqual(expect.arrayContaining([[alice.email, expect.stringMatching(/^(admin|user)$/)]]));
    });

    it('moves the user id sequence past the imported ids', async () => {
      const res = await t.request('POST', '/api/registration', {
        payload: {
          user: {
            email: 'newcomer@example.test',
            password: 'a long password',
            password_confirmation: 'a long password',
            company_name: 'New',
          },
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.user_id).toBe(11);
    });

    it('changes nothing when run a second time', async () => {
      const before = await digestTables(targetUrl);
      const again = parseReport(await importInto(targetUrl, '--json'));
      expect(tableCounts(again)).toEqual(
        COUNTS.map(([table, source, imported, skipped, adjusted]) => [table, source, 0, imported, skipped, adjusted]),
      );
      expect(await digestTables(targetUrl)).toEqual(before);
    });
  });

  describe('a target that already holds other data', () => {
    it('is refused with a message naming each conflict, and nothing is written', async () => {
      const target = await migratedDatabase();
      await withClient(target.url, async (c) => {
        await c.query(
          `INSERT INTO accounts (id, company_name, created_at) VALUES ($1, 'Not Acme', '2024-01-01T00:00:00Z')`,
          [PAPERCUPS.accounts.acme],
        );
        await c.query(
          `INSERT INTO accounts (id, company_name) VALUES ('00000000-0000-4000-8000-000000000001', 'Someone else')`,
        );
        await c.query(
          `INSERT INTO users (id, email, password_hash, account_id) VALUES (500, 'erin@globex.test', 'x', '00000000-0000-4000-8000-000000000001')`,
        );
      });
      const before = await digestTables(target.url);
      const result = await importInto(target.url);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('The target database already holds conflicting data:');
      expect(result.stderr).toMatch(
        new RegExp(
          `accounts: id ${PAPERCUPS.accounts.acme} is a different row in the target \\(created_at 2024-01-01T00:00:00\\.000Z; Papercups: created_at 2021-01-05T14:03:11Z\\)`,
        ),
      );
      expect(result.stderr).toContain(
        'users: the email "erin@globex.test" of Papercups row 5 is taken by row 500 in the target',
      );
      expect(result.stderr).toContain('Refusing to import: nothing was written.');
      expect(await digestTables(target.url)).toEqual(before);
      // A dry run shows the same conflicts.
      const dry = await importInto(target.url, '--dry-run', '--json');
      expect(dry.code).toBe(1);
      expect(JSON.parse(dry.stdout).conflicts.map((c: { table: string }) => c.table)).toEqual(['accounts', 'users']);
    });
  });

  describe('a failure midway', () => {
    it('leaves whole batches behind, and the same command resumes to the same result', async () => {
      const target = await migratedDatabase();
      const [{ id: poison }] = (await sourceDb.query(`SELECT id FROM messages ORDER BY id OFFSET 13 LIMIT 1`)).rows;
      await withClient(target.url, (c) =>
        c.query(`CREATE FUNCTION fail_on_poison() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.id = '${poison}' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$;
          CREATE TRIGGER fail_on_poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION fail_on_poison()`),
      );
      const failed = await importInto(target.url, '--batch-size', '4');
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(
        /Import failed: messages: the batch starting at id [0-9a-f-]{36} failed \(disk full \(simulated\)\)\. The batches written before it are committed; run the same command again to resume\./,
      );
      const partial = await digestTables(target.url, { withSecrets: false });
      // Every table before messages is complete; of messages, the batches before the failing one.
      for (const table of IMPORTED_TABLES.slice(0, IMPORTED_TABLES.indexOf('messages'))) {
        expect([table, partial[table]]).toEqual([table, digestAfterImport[table]]);
      }
      const messages = Number(partial.messages.split(':')[0]);
      expect(messages).toBeGreaterThan(0);
      expect(messages).toBeLessThan(27);
      expect(partial.notes).toBe('0:d41d8cd98f00b204e9800998ecf8427e');
      await withClient(target.url, (c) => c.query('DROP TRIGGER fail_on_poison ON messages'));
      const resumed = parseReport(await importInto(target.url, '--batch-size', '4', '--json'));
      expect(resumed.tables.find((t) => t.table === 'messages')).toEqual(
        expect.objectContaining({ imported: 27 - messages, present: messages }),
      );
      expect(await digestTables(target.url, { withSecrets: false })).toEqual(digestAfterImport);
    });
  });

  describe('the wrong databases', () => {
    it('is refused before anything is read', async () => {
      const plain = await createEmptyDatabase();
      others.push(plain);
      const result = await runImportCli(['--from', plain.url, '--to', plain.url]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /Import failed: The source is not a Papercups database at its final schema \(migration 20211004192852\): missing accounts\.id, /,
      );
    });

    it('refuses to write into the Papercups database itself', async () => {
      const before = await withClient(source.url, (c) => c.query('SELECT count(*)::int AS n FROM pg_tables'));
      const result = await importInto(source.url);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /Import failed: the target postgres:\/\/\S+ is a Papercups database: give this server's database as --to or DATABASE_URL/,
      );
      const after = await withClient(source.url, (c) => c.query('SELECT count(*)::int AS n FROM pg_tables'));
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });

    it('answers a usage error with exit code 2', async () => {
      const result = await runImportCli(['--from', 'mysql://nope']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^--from must be a postgres:\/\/ or postgresql:\/\/ URL\n\nUsage: npm run import:papercups/,
      );
    });
  });
});

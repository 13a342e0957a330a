import { createAccount, createConversation, createCustomer, createMessage, TestAccount } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

const RANGE = { from_date: '2021-05-03T00:00:00.000Z', to_date: '2021-05-17T00:00:00.000Z' };

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const emptyWeekdays = () => WEEKDAYS.map((day) => ({ day, average: 0, total: 0 }));
const emptyWeek = (start: string, end: string, list: string) => ({
  start_date: start,
  end_date: end,
  [list]: [],
  average: 0,
  median: 0,
});

describe('Reporting (e2e)', () => {
  let t: TestApp;
  let account: TestAccount;

  const report = (query: Record<string, string>, who: TestAccount = account) =>
    t.request('GET', '/api/v1/reporting', { headers: who.auth, query });

  /** Test data with exact clocks: rows are created over HTTP, then their timestamps set directly. */
  const setConversation = (id: string, createdAt: string, firstRepliedAt: string | null, closedAt: string | null) =>
    t.db.query('UPDATE conversations SET created_at = $2, first_replied_at = $3, closed_at = $4 WHERE id = $1', [
      id,
      createdAt,
      firstRepliedAt,
      closedAt,
    ]);
  const setMessage = (id: string, createdAt: string) =>
    t.db.query('UPDATE messages SET created_at = $2 WHERE id = $1', [id, createdAt]);

  beforeAll(async () => {
    t = await createTestApp();
    account = await createAccount(t);
    const customer = await createCustomer(t, account);
    const [c1, c2, c3, before, onTheBoundary] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => createConversation(t, account, { customer_id: customer.id })),
    );
    const agent = (at: string) =>
      createMessage(t, account, { body: 'agent', conversation_id: c1.id }).then((m) => setMessage(m.id, at));
    const fromCustomer = (at: string) =>
      createMessage(t, account, { body: 'customer', conversation_id: c1.id, customer_id: customer.id }).then((m) =>
        setMessage(m.id, at),
      );
    await agent('2021-05-04T10:01:00Z');
    await fromCustomer('2021-05-04T10:00:30Z');
    await fromCustomer('2021-05-10T09:00:10Z'); // a Monday
    await fromCustomer('2021-05-11T09:00:00Z'); // a Tuesday
    await fromCustomer('2021-05-11T10:00:00Z');
    await agent('2021-05-17T00:00:00Z'); // on to_date: bounds are exclusive
    await setConversation(c1.id, '2021-05-04T10:00:00Z', '2021-05-04T10:01:00Z', '2021-05-04T11:00:00Z');
    await setConversation(c2.id, '2021-05-04T12:00:00.900Z', '2021-05-04T12:02:00.100Z', null);
    await setConversation(c3.id, '2021-05-10T09:00:00Z', '2021-05-10T09:00:30Z', '2021-05-10T09:10:00Z');
    await setConversation(before.id, '2021-04-30T09:00:00Z', '2021-04-30T09:00:05Z', '2021-04-30T09:00:05Z');
    await setConversation(onTheBoundary.id, RANGE.from_date, '2021-05-03T00:00:07Z', null);

    // Another account's rows in the same range never count.
    const other = await createAccount(t);
    const foreign = await createConversation(t, other);
    await createMessage(t, other, { body: 'elsewhere', conversation_id: foreign.id }).then((m) =>
      setMessage(m.id, '2021-05-04T10:00:00Z'),
    );
    await setConversation(foreign.id, '2021-05-04T10:00:00Z', '2021-05-04T10:00:01Z', '2021-05-04T10:00:02Z');
  });

  afterAll(() => t.close());

  it("answers Papercups' figures for the range, computed per UTC day and week", async () => {
    const res = await report(RANGE);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      data: {
        messages_by_date: [
          { date: '2021-05-04', count: 2 },
          { date: '2021-05-10', count: 1 },
          { date: '2021-05-11', count: 2 },
        ],
        conversations_by_date: [
          { date: '2021-05-04', count: 2 },
          { date: '2021-05-10', count: 1 },
        ],
        messages_per_user: [{ user: { id: account.userId, email: account.email }, count: 1 }],
        messages_by_weekday: [
          { day: 'Monday', average: 1, total: 1 },
          { day: 'Tuesday', average: 1.5, total: 3 },
          ...emptyWeekdays().slice(2),
        ],
        sent_messages_by_date: [{ date: '2021-05-04', count: 1 }],
        received_messages_by_date: [
          { date: '2021-05-04', count: 1 },
          { date: '2021-05-10', count: 1 },
          { date: '2021-05-11', count: 2 },
        ],
        // 60 s, 120 s (12:00:00.900 → 12:02:00.100 counts whole seconds, as Papercups) and 30 s
        average_time_to_first_reply: 70,
        median_time_to_first_reply: 60,
        first_reply_metrics_by_week: [
          emptyWeek('2021-05-16', '2021-05-22', 'seconds_to_first_reply_list'),
          {
            start_date: '2021-05-09',
            end_date: '2021-05-15',
            seconds_to_first_reply_list: [30],
            average: 30,
            median: 30,
          },
          {
            start_date: '2021-05-02',
            end_date: '2021-05-08',
            seconds_to_first_reply_list: [60, 120],
            average: 90,
            median: 90,
          },
        ],
        average_time_to_resolution: 2100,
        median_time_to_resolution: 2100,
        resolution_metrics_by_week: [
          emptyWeek('2021-05-16', '2021-05-22', 'seconds_to_resolution_list'),
          {
            start_date: '2021-05-09',
            end_date: '2021-05-15',
            seconds_to_resolution_list: [600],
            average: 600,
            median: 600,
          },
          {
            start_date: '2021-05-02',
            end_date: '2021-05-08',
            seconds_to_resolution_list: [3600],
            average: 3600,
            median: 3600,
          },
        ],
      },
    });
  });

  it('takes the median of an odd count as the middle value and of an even count as the mean of the middle two', async () => {
    const res = await report({ from_date: '2021-05-04T00:00:00Z', to_date: '2021-05-05T00:00:00Z' });
    expect(res.json().data).toMatchObject({
      average_time_to_first_reply: 90,
      median_time_to_first_reply: 90,
      first_reply_metrics_by_week: [
        {
          start_date: '2021-05-02',
          end_date: '2021-05-08',
          seconds_to_first_reply_list: [60, 120],
          average: 90,
          median: 90,
        },
      ],
    });
    // 7 s (the conversation at from_date, in range now), 30, 60, 120: the mean of 30 and 60.
    const four = await report({ from_date: '2021-05-01T00:00:00Z', to_date: '2021-05-12T00:00:00Z' });
    expect(four.json().data).toMatchObject({ average_time_to_first_reply: 54.25, median_time_to_first_reply: 45 });
    const three = await report({ from_date: '2021-05-03T00:00:00Z', to_date: '2021-05-12T00:00:00Z' });
    expect(three.json().data).toMatchObject({ average_time_to_first_reply: 70, median_time_to_first_reply: 60 });
  });

  it('starts weeks on the Sunday strictly before from_date and stops before the Sunday on or after to_date', async () => {
    // from a Sunday: the week starts the Sunday before; to a Sunday: no chunk starts on it (Papercups' rule).
    const res = await report({ from_date: '2021-05-09T00:00:00Z', to_date: '2021-05-09T12:00:00Z' });
    expect(res.json().data.first_reply_metrics_by_week).toEqual([
      emptyWeek('2021-05-02', '2021-05-08', 'seconds_to_first_reply_list'),
    ]);
  });

  it('answers empty figures for an account without activity', async () => {
    const res = await report(RANGE, await createAccount(t));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      data: {
        messages_by_date: [],
        conversations_by_date: [],
        messages_per_user: [],
        messages_by_weekday: emptyWeekdays(),
        sent_messages_by_date: [],
        received_messages_by_date: [],
        average_time_to_first_reply: 0,
        median_time_to_first_reply: 0,
        first_reply_metrics_by_week: ['2021-05-16', '2021-05-09', '2021-05-02'].map((start, i) =>
          emptyWeek(start, ['2021-05-22', '2021-05-15', '2021-05-08'][i], 'seconds_to_first_reply_list'),
        ),
        average_time_to_resolution: 0,
        median_time_to_resolution: 0,
        resolution_metrics_by_week: ['2021-05-16', '2021-05-09', '2021-05-02'].map((start, i) =>
          emptyWeek(start, ['2021-05-22', '2021-05-15', '2021-05-08'][i], 'seconds_to_resolution_list'),
        ),
      },
    });
  });

  it('accepts a date without a time as midnight UTC and an offset as that instant', async () => {
    const res = await report({ from_date: '2021-05-03', to_date: '2021-05-11T01:00:00+02:00' });
    expect(res.statusCode).toBe(200);
    // to_date is 2021-05-10T23:00Z: the 2021-05-11 messages are out.
    expect(res.json().data.messages_by_date).toEqual([
      { date: '2021-05-04', count: 2 },
      { date: '2021-05-10', count: 1 },
    ]);
  });

  describe('bad input', () => {
    it.each([
      [{}, { from_date: ['is required'], to_date: ['is required'] }],
      [{ from_date: RANGE.from_date }, { to_date: ['is required'] }],
      [{ to_date: RANGE.to_date, from_date: '' }, { from_date: ['is required'] }],
    ])('answers 400 when a date is missing (%j)', async (query, errors) => {
      const res = await report(query as Record<string, string>);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { status: 400, message: 'The following parameters are required: from_date, to_date', errors },
      });
    });

    it.each(['yesterday', '2021-13-01T00:00:00Z', '2021-05-03T25:00:00Z', '1620000000'])(
      'answers 400 for from_date=%s',
      async (value) => {
        const res = await report({ ...RANGE, from_date: value });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
          error: { status: 400, message: 'Bad Request', errors: { from_date: ['is invalid'] } },
        });
      },
    );

    it('answers 400 for a range longer than ten years', async () => {
      const res = await report({ from_date: '2000-01-01T00:00:00Z', to_date: '2021-01-01T00:00:00Z' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { status: 400, message: 'The range is at most 3660 days', errors: { to_date: ['is invalid'] } },
      });
    });

    // 401 without a key: tenant-isolation.e2e-spec.ts, for every route.
  });
});

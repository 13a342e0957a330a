import type { ClientBase } from 'pg';

/**
 * What Papercups' API answers for rows of its own database, written from lib/chat_api_web/views/*.ex and
 * lib/chat_api/reporting.ex (papercups-io/papercups at its last commit) and evaluated against the Papercups
 * database itself: the import spec compares this server's answers after the import with these.
 * Rows come from a client made by connectSource(), so timestamps are the strings PostgreSQL prints.
 */

type Row = Record<string, any>;

/** Jason's encoding of Ecto's :naive_datetime (inserted_at, updated_at): "2021-03-02T09:13:00". */
export const naive = (value: string) => value.replace(' ', 'T').slice(0, 19);
/** Jason's encoding of :utc_datetime: "2021-03-02T09:20:30Z". */
export const utc = (value: string | null) => (value == null ? null : `${naive(value)}Z`);
const json = (value: string | null) => (value == null ? null : JSON.parse(value));

export class PapercupsOracle {
  constructor(private readonly db: ClientBase) {}

  /** One query at a time: a pg client runs them in sequence anyway. */
  async each<T, R>(items: T[], render: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = [];
    for (const item of items) out.push(await render(item));
    return out;
  }

  private async one(sql: string, params: unknown[]): Promise<Row> {
    const { rows } = await this.db.query(sql, params);
    if (rows.length !== 1) throw new Error(`expected one row for ${sql} ${JSON.stringify(params)}`);
    return rows[0];
  }

  /** UserView "user.json" (profile fields only when the user has a profile). */
  async user(id: number) {
    const u = await this.one('SELECT * FROM users WHERE id = $1', [id]);
    const { rows: profiles } = await this.db.query('SELECT * FROM user_profiles WHERE user_id = $1', [id]);
    const base = {
      id: u.id,
      object: 'user',
      email: u.email,
      created_at: naive(u.inserted_at),
      disabled_at: utc(u.disabled_at),
      archived_at: utc(u.archived_at),
      role: u.role,
    };
    const [p] = profiles;
    return p
      ? { ...base, full_name: p.full_name, display_name: p.display_name, profile_photo_url: p.profile_photo_url }
      : base;
  }

  /** CustomerView "basic.json". */
  async customerBasic(id: string) {
    const c = await this.one('SELECT * FROM customers WHERE id = $1', [id]);
    return {
      id: c.id,
      object: 'customer',
      name: c.name,
      email: c.email,
      created_at: naive(c.inserted_at),
      updated_at: naive(c.updated_at),
      phone: c.phone,
      external_id: c.external_id,
      profile_photo_url: c.profile_photo_url,
      company_id: c.company_id,
      host: c.host,
      pathname: c.pathname,
      current_url: c.current_url,
      browser: c.browser,
      os: c.os,
      metadata: json(c.metadata),
      title: c.name || c.email || 'Anonymous User',
    };
  }

  /** CustomerView "customer.json" without associations (as nested in a conversation). */
  async customer(id: string) {
    const c = await this.one('SELECT * FROM customers WHERE id = $1', [id]);
    return {
      ...(await this.customerBasic(id)),
      first_seen: c.first_seen,
      last_seen_at: utc(c.last_seen_at),
      ip: c.ip,
      time_zone: c.time_zone,
    };
  }

  /** MessageView "expanded.json" (`attachments` left out: files are not imported, see the README). */
  async message(id: string) {
    const m = await this.one('SELECT * FROM messages WHERE id = $1', [id]);
    return {
      id: m.id,
      object: 'message',
      body: m.body,
      type: m.type,
      content_type: m.content_type,
      private: m.private,
      source: m.source,
      created_at: naive(m.inserted_at),
      sent_at: utc(m.sent_at),
      seen_at: utc(m.seen_at),
      conversation_id: m.conversation_id,
      account_id: m.account_id,
      user_id: m.user_id,
      user: m.user_id == null ? null : await this.user(m.user_id),
      customer_id: m.customer_id,
      ...(m.customer_id == null ? {} : { customer: await this.customerBasic(m.customer_id) }),
      metadata: json(m.metadata),
    };
  }

  /** TagView "tag.json". */
  async tag(id: string) {
    const t = await this.one('SELECT * FROM tags WHERE id = $1', [id]);
    return {
      id: t.id,
      object: 'tag',
      created_at: naive(t.inserted_at),
      updated_at: naive(t.updated_at),
      name: t.name,
      description: t.description,
      color: t.color,
    };
  }

  /** ConversationView "expanded.json": its customer, messages (oldest first, as the dashboard sorts them), tags. */
  async conversation(id: string) {
    const c = await this.one('SELECT * FROM conversations WHERE id = $1', [id]);
    const messages = await this.db.query(
      'SELECT id FROM messages WHERE conversation_id = $1 ORDER BY inserted_at, id',
      [id],
    );
    const tags = await this.db.query(
      'SELECT tag_id FROM conversation_tags WHERE conversation_id = $1 ORDER BY inserted_at, id',
      [id],
    );
    return {
      id: c.id,
      object: 'conversation',
      source: c.source,
      created_at: naive(c.inserted_at),
      closed_at: utc(c.closed_at),
      last_activity_at: utc(c.last_activity_at),
      status: c.status,
      read: c.read,
      priority: c.priority,
      subject: c.subject,
      account_id: c.account_id,
      customer_id: c.customer_id,
      assignee_id: c.assignee_id,
      inbox_id: c.inbox_id,
      metadata: json(c.metadata),
      customer: await this.customer(c.customer_id),
      messages: await this.each(messages.rows, (m) => this.message(m.id)),
      tags: await this.each(tags.rows, (t) => this.tag(t.tag_id)),
      mentions: [],
    };
  }

  /** Conversations.list_conversations_by_account_paginated: unarchived, newest activity first, with the total. */
  async conversationIds(accountId: string) {
    const { rows } = await this.db.query(
      `SELECT id FROM conversations WHERE account_id = $1 AND archived_at IS NULL
        ORDER BY last_activity_at DESC, id DESC`,
      [accountId],
    );
    return rows.map((r) => r.id as string);
  }

  /** NoteView "note.json", IssueView "issue.json", CompanyView "company.json", EventSubscriptionView. */
  async note(id: string) {
    const n = await this.one('SELECT * FROM notes WHERE id = $1', [id]);
    return {
      id: n.id,
      object: 'note',
      body: n.body,
      content_type: n.content_type,
      customer_id: n.customer_id,
      author_id: n.author_id,
      created_at: naive(n.inserted_at),
      updated_at: naive(n.updated_at),
    };
  }

  async issue(id: string) {
    const i = await this.one('SELECT * FROM issues WHERE id = $1', [id]);
    return {
      id: i.id,
      object: 'issue',
      created_at: naive(i.inserted_at),
      updated_at: naive(i.updated_at),
      title: i.title,
      body: i.body,
      state: i.state,
      github_issue_url: i.github_issue_url,
      closed_at: utc(i.closed_at),
      account_id: i.account_id,
      creator_id: i.creator_id,
      assignee_id: i.assignee_id,
    };
  }

  async company(id: string) {
    const c = await this.one('SELECT * FROM companies WHERE id = $1', [id]);
    const fields = ['external_id', 'website_url', 'description', 'logo_image_url', 'industry'] as const;
    const slack = ['slack_channel_id', 'slack_channel_name', 'slack_team_id', 'slack_team_name'] as const;
    return {
      id: c.id,
      object: 'company',
      name: c.name,
      created_at: naive(c.inserted_at),
      updated_at: naive(c.updated_at),
      account_id: c.account_id,
      ...Object.fromEntries([...fields, ...slack].map((f) => [f, c[f]])),
      metadata: json(c.metadata),
    };
  }

  async eventSubscription(id: string) {
    const s = await this.one('SELECT * FROM event_subscriptions WHERE id = $1', [id]);
    return {
      id: s.id,
      object: 'event_subscription',
      created_at: naive(s.inserted_at),
      updated_at: naive(s.updated_at),
      webhook_url: s.webhook_url,
      verified: s.verified,
      account_id: s.account_id,
      scope: s.scope,
    };
  }

  /** ReportingController.index for an account and a range (naive UTC bounds, both exclusive). */
  async report(accountId: string, from: string, to: string) {
    const range = [accountId, from, to];
    const where = (extra = '') => `account_id = $1 AND inserted_at > $2 AND inserted_at < $3 ${extra}`;
    const byDate = async (table: string, extra = '') =>
      (
        await this.db.query(
          `SELECT to_char(date(inserted_at), 'YYYY-MM-DD') AS date, count(id)::int AS count FROM ${table}
            WHERE ${where(extra)} GROUP BY date(inserted_at) ORDER BY date(inserted_at)`,
          range,
        )
      ).rows;
    const perUser = await this.db.query(
      `SELECT u.id, u.email, count(m.user_id)::int AS count FROM messages m JOIN users u ON m.user_id = u.id
        WHERE m.account_id = $1 AND m.inserted_at > $2 AND m.inserted_at < $3 GROUP BY m.user_id, u.id ORDER BY u.id`,
      range,
    );
    const weekdays = await this.db.query(
      `SELECT trim(to_char(date(inserted_at), 'Day')) AS day, count(id)::int AS count FROM messages
        WHERE ${where('AND customer_id IS NOT NULL')} GROUP BY date(inserted_at)`,
      range,
    );
    const durations = async (column: string) =>
      (
        await this.db.query(
          `SELECT to_char(date(inserted_at), 'YYYY-MM-DD') AS date,
                  extract(epoch FROM ${column} - inserted_at)::int AS seconds
             FROM conversations WHERE ${where(`AND ${column} IS NOT NULL`)} ORDER BY inserted_at`,
          range,
        )
      ).rows as { date: string; seconds: number }[];
    const firstReplies = await durations('first_replied_at');
    const resolutions = await durations('closed_at');
    const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    return {
      messages_by_date: await byDate('messages'),
      conversations_by_date: await byDate('conversations'),
      messages_per_user: perUser.rows.map((r) => ({ user: { id: r.id, email: r.email }, count: r.count })),
      messages_by_weekday: names.map((day) => {
        const records = weekdays.rows.filter((r) => r.day === day);
        const total = records.reduce((sum, r) => sum + r.count, 0);
        return { day, average: total / Math.max(records.length, 1), total };
      }),
      sent_messages_by_date: await byDate('messages', 'AND user_id IS NOT NULL'),
      received_messages_by_date: await byDate('messages', 'AND customer_id IS NOT NULL'),
      average_time_to_first_reply: average(firstReplies.map((d) => d.seconds)),
      median_time_to_first_reply: median(firstReplies.map((d) => d.seconds)),
      first_reply_metrics_by_week: weekly(from, to, firstReplies, 'seconds_to_first_reply_list'),
      average_time_to_resolution: average(resolutions.map((d) => d.seconds)),
      median_time_to_resolution: median(resolutions.map((d) => d.seconds)),
      resolution_metrics_by_week: weekly(from, to, resolutions, 'seconds_to_resolution_list'),
    };
  }
}

const average = (list: number[]) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);
function median(list: number[]) {
  if (!list.length) return 0;
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : average(sorted.slice(mid - 1, mid + 1));
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Date.day_of_week: Monday 1 … Sunday 7. */
const dayOfWeek = (ms: number) => ((new Date(ms).getUTCDay() + 6) % 7) + 1;

/** get_weekly_chunks + the *_metrics_by_week reducers: weeks from the Sunday before `from`, newest first. */
function weekly(from: string, to: string, items: { date: string; seconds: number }[], listKey: string) {
  const fromDay = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const toDay = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  const start = fromDay - dayOfWeek(fromDay) * DAY;
  const finish = toDay + (7 - dayOfWeek(toDay)) * DAY;
  const chunks: Record<string, unknown>[] = [];
  for (let week = start; week < finish; week += 7 * DAY) {
    const list = items.filter((i) => i.date >= isoDay(week) && i.date <= isoDay(week + 6 * DAY)).map((i) => i.seconds);
    chunks.unshift({
      start_date: isoDay(week),
      end_date: isoDay(week + 6 * DAY),
      [listKey]: list,
      average: average(list),
      median: median(list),
    });
  }
  return chunks;
}

/** `ours` reduced to the keys of Papercups' answer (recursively), so additions of this server do not count. */
export function asPapercupsSees(ours: unknown, theirs: unknown): unknown {
  if (Array.isArray(theirs) && Array.isArray(ours)) return ours.map((o, i) => asPapercupsSees(o, theirs[i]));
  if (theirs && typeof theirs === 'object' && ours && typeof ours === 'object' && !Array.isArray(theirs)) {
    return Object.fromEntries(
      Object.keys(theirs).map((k) => [k, asPapercupsSees((ours as Row)[k], (theirs as Row)[k])]),
    );
  }
  return ours;
}

import { hashToken } from '../auth/auth-user';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_SOURCES,
  CONVERSATION_STATUSES,
} from '../conversations/conversation.enums';
import { EVENT_TYPES } from '../events/event-types';
import { ISSUE_STATES } from '../issues/issue.enums';
import { MESSAGE_SOURCES, MESSAGE_TYPES } from '../messages/message.enums';
import { generateSecret } from '../webhooks/signature';
import { arrayLiteral, Column, NotImported, ParentRef, TableMapping } from './mapping';
import { WIDGET_TABLES } from './widget-tables';

const STAMPS: Column[] = [
  { name: 'created_at', kind: 'timestamp', from: 'inserted_at' },
  { name: 'updated_at', kind: 'timestamp' },
];
const STAMP_SOURCES = ['inserted_at', 'updated_at'];
const ACCOUNT_IDENTITY = ['account_id', 'created_at'];

const account = (ifInvalid: ParentRef['ifInvalid'] = 'skip'): ParentRef => ({
  column: 'account_id',
  table: 'accounts',
  as: 'a',
  ifInvalid,
  required: true,
  sameAccount: false,
});
const ref = (column: string, table: string, as: string, ifInvalid: ParentRef['ifInvalid'], required = false) => ({
  column,
  table,
  as,
  ifInvalid,
  required,
});
const text = (name: string, extra: Partial<Column> = {}): Column => ({ name, kind: 'text', ...extra });
const stamp = (name: string): Column => ({ name, kind: 'timestamp' });

/** Papercups delivers these two whatever the scope (the rule of EventSubscriptionsService.chooseEventTypes). */
const ALWAYS_DELIVERED = ['conversation:created', 'message:created'];
const eventTypesOf = (scope: unknown) =>
  arrayLiteral(EVENT_TYPES.filter((t) => ALWAYS_DELIVERED.includes(t) || String(scope ?? '').includes(t)));

/** A personal API key is shown by its first characters, as keys created here are (`pc_` + 8). */
const KEY_PREFIX_LENGTH = 11;

/** In dependency order: every table's parents come before it. */
export const TABLES: TableMapping[] = [
  {
    source: 'accounts',
    target: 'accounts',
    idKind: 'uuid',
    select: [
      'id',
      'company_name',
      'subscription_plan',
      'time_zone',
      'company_logo_url',
      'settings',
      // Papercups keeps working hours as jsonb[]; here they are one jsonb array.
      `to_jsonb(coalesce(s.working_hours, ARRAY[]::jsonb[])) AS working_hours`,
      ...STAMP_SOURCES,
    ],
    account: null,
    parents: [],
    columns: [
      { name: 'id', kind: 'uuid' },
      {
        name: 'company_name',
        kind: 'text',
        value: (row, note) => row.company_name ?? (note('null: imported as ""'), ''),
      },
      text('subscription_plan', { ifNull: 'starter', maxLength: 50 }),
      text('time_zone', { maxLength: 100 }),
      text('company_logo_url'),
      { name: 'working_hours', kind: 'jsonb', ifNull: '[]' },
      { name: 'settings', kind: 'jsonb' },
      ...STAMPS,
    ],
    identity: ['created_at'],
  },
  {
    source: 'users',
    target: 'users',
    idKind: 'bigint',
    select: [
      'id',
      'email',
      'password_hash',
      'account_id',
      'role',
      'disabled_at',
      'archived_at',
      'email_confirmed_at',
      ...STAMP_SOURCES,
      // Pow lower-cases emails, but rows written around it may differ only in case: the older one wins.
      `(SELECT min(o.id) FROM users o WHERE lower(trim(o.email)) = lower(trim(s.email)) AND o.id < s.id) AS email_owner`,
    ],
    account: 'account_id',
    parents: [account()],
    skipIf: (row) =>
      !String(row.email ?? '').trim()
        ? 'has no email'
        : row.email_owner != null
          ? `email ${row.email} is user ${row.email_owner}'s, in another case`
          : null,
    columns: [
      { name: 'id', kind: 'bigint' },
      { name: 'email', kind: 'text', value: (row) => String(row.email).trim().toLowerCase() },
      {
        name: 'password_hash',
        kind: 'text',
        // `!` matches no scheme: such a user cannot log in until an admin sets a password.
        value: (row, note) => {
          const hash = row.password_hash as string | null;
          if (!hash) return (note('no password hash: imported without a usable password'), '!');
          if (!hash.startsWith('$pbkdf2-')) note('password hash in an unknown format: its password will not verify');
          return hash;
        },
      },
      { name: 'account_id', kind: 'uuid' },
      text('role', { ifNull: 'user', oneOf: ['admin', 'user'] }),
      stamp('disabled_at'),
      stamp('archived_at'),
      stamp('email_confirmed_at'),
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
    unique: [{ columns: ['email'], meansPresent: false, label: 'email' }],
    sequence: 'id',
  },
  {
    source: 'user_profiles',
    target: 'user_profiles',
    idKind: 'uuid',
    select: ['id', 'user_id', 'full_name', 'display_name', 'profile_photo_url', 'slack_user_id', ...STAMP_SOURCES],
    account: null,
    parents: [{ ...ref('user_id', 'users', 'u', 'skip', true), sameAccount: false }],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'user_id', kind: 'bigint' },
      text('full_name'),
      text('display_name'),
      text('profile_photo_url'),
      text('slack_user_id'),
      ...STAMPS,
    ],
    identity: ['user_id', 'created_at'],
    unique: [{ columns: ['user_id'], meansPresent: true, label: 'user_id' }],
  },
  {
    source: 'user_settings',
    target: 'user_settings',
    idKind: 'uuid',
    select: [
      'id',
      'user_id',
      'email_alert_on_new_message',
      'email_alert_on_new_conversation',
      'expo_push_token',
      ...STAMP_SOURCES,
    ],
    account: null,
    parents: [{ ...ref('user_id', 'users', 'u', 'skip', true), sameAccount: false }],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'user_id', kind: 'bigint' },
      { name: 'email_alert_on_new_message', kind: 'boolean', ifNull: false },
      { name: 'email_alert_on_new_conversation', kind: 'boolean', ifNull: false },
      text('expo_push_token'),
      ...STAMPS,
    ],
    identity: ['user_id', 'created_at'],
    unique: [{ columns: ['user_id'], meansPresent: true, label: 'user_id' }],
  },
  {
    source: 'personal_api_keys',
    target: 'personal_api_keys',
    idKind: 'uuid',
    select: ['id', 'label', 'value', 'last_used_at', 'user_id', 'account_id', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [account(), ref('user_id', 'users', 'u', 'skip', true)],
    skipIf: (row) => (row.value ? null : 'has no key value'),
    columns: [
      { name: 'id', kind: 'uuid' },
      text('label', { ifNull: 'API Key' }),
      // Papercups kept the key in plain text; only its SHA-256 is stored here, as for keys created here.
      { name: 'key_hash', kind: 'text', value: (row) => hashToken(String(row.value)) },
      { name: 'key_prefix', kind: 'text', value: (row) => String(row.value).slice(0, KEY_PREFIX_LENGTH) },
      stamp('last_used_at'),
      { name: 'user_id', kind: 'bigint' },
      { name: 'account_id', kind: 'uuid' },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
    unique: [{ columns: ['key_hash'], meansPresent: false, label: 'key' }],
  },
  {
    source: 'inboxes',
    target: 'inboxes',
    idKind: 'uuid',
    select: [
      'id',
      'account_id',
      'name',
      'description',
      'slug',
      'is_private',
      ...STAMP_SOURCES,
      // This server allows one primary inbox per account (Papercups did not enforce it): the oldest keeps it.
      `s.is_primary AND NOT EXISTS (SELECT 1 FROM inboxes o WHERE o.account_id = s.account_id AND o.is_primary
         AND (o.inserted_at, o.id) < (s.inserted_at, s.id)) AS is_primary`,
      's.is_primary AS was_primary',
    ],
    account: 'account_id',
    parents: [account()],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      text('name'),
      text('description'),
      text('slug', { maxLength: 255 }),
      {
        name: 'is_primary',
        kind: 'boolean',
        value: (row, note) => {
          if (row.was_primary && !row.is_primary)
            note('a second primary inbox of its account: imported as not primary');
          return row.is_primary;
        },
      },
      { name: 'is_private', kind: 'boolean', ifNull: false },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
    unique: [{ columns: ['account_id'], where: 'is_primary', meansPresent: false, label: 'primary inbox' }],
  },
  {
    source: 'companies',
    target: 'companies',
    idKind: 'uuid',
    select: [
      'id',
      'account_id',
      'name',
      'external_id',
      'website_url',
      'description',
      'logo_image_url',
      'industry',
      'slack_channel_id',
      'slack_channel_name',
      'slack_team_id',
      'slack_team_name',
      'metadata',
      ...STAMP_SOURCES,
    ],
    account: 'account_id',
    parents: [account()],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'name', kind: 'text', value: (row, note) => row.name ?? (note('null: imported as ""'), '') },
      ...[
        'external_id',
        'website_url',
        'description',
        'logo_image_url',
        'industry',
        'slack_channel_id',
        'slack_channel_name',
        'slack_team_id',
        'slack_team_name',
      ].map((name) => text(name)),
      { name: 'metadata', kind: 'jsonb' },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
  },
  {
    source: 'customers',
    target: 'customers',
    idKind: 'uuid',
    select: [
      'id',
      'account_id',
      'company_id',
      'name',
      'email',
      'phone',
      'external_id',
      'profile_photo_url',
      'browser',
      'browser_version',
      'browser_language',
      'os',
      'ip',
      'first_seen',
      'last_seen',
      'last_seen_at',
      'current_url',
      'host',
      'pathname',
      'screen_height',
      'screen_width',
      'lib',
      'time_zone',
      'metadata',
      ...STAMP_SOURCES,
    ],
    account: 'account_id',
    parents: [account(), ref('company_id', 'companies', 'co', 'clear')],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'company_id', kind: 'uuid' },
      ...['name', 'email', 'phone', 'external_id', 'profile_photo_url', 'browser', 'browser_version'].map((n) =>
        text(n),
      ),
      ...['browser_language', 'os'].map((n) => text(n)),
      text('ip', { maxLength: 64 }),
      { name: 'first_seen', kind: 'date' },
      {
        name: 'last_seen_at',
        kind: 'timestamp',
        // Older rows have only the `last_seen` date (Papercups backfilled most of them in 20210416131457).
        value: (row, note) => {
          if (row.last_seen_at != null) return row.last_seen_at;
          note(
            row.last_seen != null
              ? 'last_seen_at was null: set from last_seen'
              : 'last_seen_at was null: set to inserted_at',
          );
          return row.last_seen ?? row.inserted_at;
        },
      },
      text('current_url'),
      text('host'),
      text('pathname'),
      { name: 'screen_height', kind: 'integer' },
      { name: 'screen_width', kind: 'integer' },
      text('lib'),
      text('time_zone'),
      { name: 'metadata', kind: 'jsonb' },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
  },
  {
    source: 'tags',
    target: 'tags',
    idKind: 'uuid',
    select: ['id', 'account_id', 'name', 'description', 'color', 'creator_id', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [account(), ref('creator_id', 'users', 'u', 'clear')],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      text('name'),
      text('description'),
      text('color', { maxLength: 32 }),
      { name: 'creator_id', kind: 'bigint' },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
    unique: [{ columns: ['account_id', 'name'], meansPresent: false, label: 'name' }],
  },
  {
    source: 'conversations',
    target: 'conversations',
    idKind: 'uuid',
    select: [
      'id',
      'account_id',
      'customer_id',
      'assignee_id',
      'inbox_id',
      'status',
      'priority',
      'read',
      'source',
      'subject',
      'metadata',
      'closed_at',
      'archived_at',
      'first_replied_at',
      'last_activity_at',
      ...STAMP_SOURCES,
    ],
    account: 'account_id',
    parents: [
      account(),
      ref('customer_id', 'customers', 'cu', 'skip', true),
      ref('assignee_id', 'users', 'u', 'clear'),
      ref('inbox_id', 'inboxes', 'i', 'clear'),
    ],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'customer_id', kind: 'uuid' },
      { name: 'assignee_id', kind: 'bigint' },
      { name: 'inbox_id', kind: 'uuid' },
      text('status', { ifNull: 'open', oneOf: CONVERSATION_STATUSES }),
      text('priority', { ifNull: 'not_priority', oneOf: CONVERSATION_PRIORITIES }),
      { name: 'read', kind: 'boolean', ifNull: false },
      text('source', { ifNull: 'chat', oneOf: CONVERSATION_SOURCES }),
      text('subject'),
      { name: 'metadata', kind: 'jsonb' },
      stamp('closed_at'),
      stamp('archived_at'),
      stamp('first_replied_at'),
      {
        name: 'last_activity_at',
        kind: 'timestamp',
        value: (row, note) =>
          row.last_activity_at ?? (note('last_activity_at was null: set to inserted_at'), row.inserted_at),
      },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
  },
  {
    source: 'messages',
    target: 'messages',
    idKind: 'uuid',
    select: [
      'id',
      'account_id',
      'conversation_id',
      'customer_id',
      'user_id',
      'body',
      'type',
      'source',
      'content_type',
      'private',
      'subject',
      'metadata',
      'sent_at',
      'seen_at',
      ...STAMP_SOURCES,
    ],
    account: 'account_id',
    parents: [
      account(),
      ref('conversation_id', 'conversations', 'c', 'skip', true),
      ref('customer_id', 'customers', 'cu', 'clear'),
      ref('user_id', 'users', 'u', 'clear'),
    ],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'conversation_id', kind: 'uuid' },
      { name: 'customer_id', kind: 'uuid' },
      { name: 'user_id', kind: 'bigint' },
      text('body'),
      text('type', { ifNull: 'reply', oneOf: MESSAGE_TYPES }),
      text('source', { ifNull: 'chat', oneOf: MESSAGE_SOURCES }),
      text('content_type', { ifNull: 'text', maxLength: 32 }),
      { name: 'private', kind: 'boolean', ifNull: false },
      text('subject'),
      { name: 'metadata', kind: 'jsonb' },
      stamp('sent_at'),
      stamp('seen_at'),
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
  },
  {
    source: 'mentions',
    target: 'mentions',
    idKind: 'uuid',
    select: ['id', 'account_id', 'conversation_id', 'message_id', 'user_id', 'seen_at', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [
      account(),
      ref('conversation_id', 'conversations', 'c', 'skip', true),
      ref('message_id', 'messages', 'm', 'skip', true),
      ref('user_id', 'users', 'u', 'skip', true),
    ],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'conversation_id', kind: 'uuid' },
      { name: 'message_id', kind: 'uuid' },
      { name: 'user_id', kind: 'bigint' },
      stamp('seen_at'),
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
    unique: [{ columns: ['message_id', 'user_id'], meansPresent: true, label: 'message_id and user_id' }],
  },
  ...(['conversation', 'customer'] as const).map((parent): TableMapping => ({
    source: `${parent}_tags`,
    target: `${parent}_tags`,
    idKind: 'uuid',
    // The link's account_id is nullable in Papercups; the tagged row's account stands in for a missing one.
    select: [
      'id',
      `coalesce(s.account_id, p.account_id) AS account_id`,
      's.account_id IS NULL AS account_was_null',
      `${parent}_id`,
      'tag_id',
      'creator_id',
      ...STAMP_SOURCES,
    ],
    account: 'account_id',
    // No account parent: the tagged row and the tag must both be of the link's account, which checks it.
    parents: [
      ref(`${parent}_id`, `${parent}s`, 'p', 'skip', true),
      ref('tag_id', 'tags', 't', 'skip', true),
      ref('creator_id', 'users', 'u', 'clear'),
    ],
    columns: [
      { name: 'id', kind: 'uuid' },
      {
        name: 'account_id',
        kind: 'uuid',
        value: (row, note) => (
          row.account_was_null && note('account_id was null: set to the tagged row’s'),
          row.account_id
        ),
      },
      { name: `${parent}_id`, kind: 'uuid' },
      { name: 'tag_id', kind: 'uuid' },
      { name: 'creator_id', kind: 'bigint' },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
    unique: [{ columns: [`${parent}_id`, 'tag_id'], meansPresent: true, label: `${parent}_id and tag_id` }],
  })),
  {
    source: 'notes',
    target: 'notes',
    idKind: 'uuid',
    select: ['id', 'account_id', 'customer_id', 'author_id', 'body', 'content_type', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [
      account(),
      ref('customer_id', 'customers', 'cu', 'skip', true),
      ref('author_id', 'users', 'u', 'skip', true),
    ],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'customer_id', kind: 'uuid' },
      { name: 'author_id', kind: 'bigint' },
      text('body'),
      text('content_type', { ifNull: 'text', maxLength: 32 }),
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
  },
  {
    source: 'issues',
    target: 'issues',
    idKind: 'uuid',
    select: [
      'id',
      'account_id',
      'title',
      'body',
      'state',
      'github_issue_url',
      'finished_at',
      'closed_at',
      'metadata',
      'creator_id',
      'assignee_id',
      ...STAMP_SOURCES,
    ],
    account: 'account_id',
    parents: [account(), ref('creator_id', 'users', 'u', 'clear'), ref('assignee_id', 'users', 'au', 'clear')],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      text('title'),
      text('body'),
      text('state', { ifNull: 'unstarted', oneOf: ISSUE_STATES }),
      text('github_issue_url'),
      stamp('finished_at'),
      stamp('closed_at'),
      { name: 'metadata', kind: 'jsonb' },
      { name: 'creator_id', kind: 'bigint' },
      { name: 'assignee_id', kind: 'bigint' },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
  },
  {
    source: 'event_subscriptions',
    target: 'event_subscriptions',
    idKind: 'uuid',
    select: ['id', 'account_id', 'webhook_url', 'scope', 'verified', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [account()],
    skipIf: (row) => (String(row.webhook_url ?? '').trim() ? null : 'has no webhook_url'),
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      text('webhook_url'),
      text('scope'),
      { name: 'event_types', kind: 'text[]', value: (row) => eventTypesOf(row.scope) },
      { name: 'verified', kind: 'boolean', ifNull: false },
      // Papercups did not sign deliveries; each subscription gets a signing secret (rotate it to read it).
      { name: 'secret', kind: 'text', value: () => generateSecret() },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
  },
  {
    source: 'canned_responses',
    target: 'canned_responses',
    idKind: 'uuid',
    select: ['id', 'account_id', 'name', 'content', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [account()],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      text('name', { maxLength: 255 }),
      text('content'),
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
    unique: [{ columns: ['account_id', 'name'], meansPresent: false, label: 'name' }],
  },
  {
    // Pending invitations keep working: the id is the token in their links.
    source: 'user_invitations',
    target: 'user_invitations',
    idKind: 'uuid',
    select: ['id', 'account_id', 'expires_at', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [account()],
    columns: [{ name: 'id', kind: 'uuid' }, { name: 'account_id', kind: 'uuid' }, stamp('expires_at'), ...STAMPS],
    identity: ACCOUNT_IDENTITY,
  },
  {
    source: 'customer_issues',
    target: 'customer_issues',
    idKind: 'uuid',
    select: ['id', 'account_id', 'customer_id', 'issue_id', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [
      account(),
      ref('customer_id', 'customers', 'cu', 'skip', true),
      ref('issue_id', 'issues', 'i', 'skip', true),
    ],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'customer_id', kind: 'uuid' },
      { name: 'issue_id', kind: 'uuid' },
      ...STAMPS,
    ],
    identity: ACCOUNT_IDENTITY,
    unique: [{ columns: ['customer_id', 'issue_id'], meansPresent: true, label: 'customer and issue' }],
  },
  ...WIDGET_TABLES,
];

/**
 * Papercups tables this server has no home for yet. Each becomes a TableMapping above once its table
 * exists here (what it needs is in the README's "Moving from Papercups").
 */
export const NOT_IMPORTED: NotImported[] = [
  { table: 'inbox_members', reason: 'no inbox membership here yet (issue 15)' },
  { table: 'conversation_issues', reason: 'issues are not linked to conversations here yet' },
  { table: 'pow_sessions', reason: 'sessions are not carried over: everyone logs in once' },
  { table: 'slack_authorizations', reason: 'integrations are not implemented here: connect them again' },
  { table: 'slack_conversation_threads', reason: 'Slack sync is not implemented here' },
  { table: 'mattermost_authorizations', reason: 'integrations are not implemented here' },
  { table: 'mattermost_conversation_threads', reason: 'Mattermost sync is not implemented here' },
  { table: 'google_authorizations', reason: 'integrations are not implemented here' },
  { table: 'gmail_conversation_threads', reason: 'Gmail sync is not implemented here' },
  { table: 'github_authorizations', reason: 'integrations are not implemented here' },
  { table: 'twilio_authorizations', reason: 'integrations are not implemented here' },
  { table: 'hubspot_authorizations', reason: 'integrations are not implemented here' },
  { table: 'intercom_authorizations', reason: 'integrations are not implemented here' },
  { table: 'forwarding_addresses', reason: 'email forwarding is not implemented here' },
  { table: 'lambdas', reason: 'lambdas (AWS functions) are not implemented here' },
  { table: 'browser_sessions', reason: 'session replay is not implemented here' },
  { table: 'browser_replay_events', reason: 'session replay is not implemented here' },
];

/** Columns of imported Papercups tables that have no column here (reported, so nobody looks for them). */
export const COLUMNS_NOT_IMPORTED: Record<string, string[]> = {
  accounts: ['company_logo_url', 'working_hours', 'settings', 'stripe_* (billing)'],
  users: ['email_confirmation_token', 'password_reset_token', 'has_valid_email'],
  inboxes: ['slug'],
  customers: ['last_seen (the legacy date; last_seen_at is kept)'],
};

import type { SchemaObject } from '@nestjs/swagger';
import { EVENT_TYPES } from '../events/event-types';
import { ISSUE_STATES } from '../issues/entities/issue.entity';
import { DELIVERY_STATUSES } from '../webhooks/entities/webhook-delivery.entity';

/**
 * Response bodies, as the mappers build them (`src/<resource>/<resource>.mapper.ts`). Strict on purpose
 * (every key required unless marked optional, no others allowed): the OpenAPI e2e spec validates live
 * responses and the examples against them, so a mapper change that is not documented here fails a test.
 * OpenAPI 3.0 dialect: `nullable: true`, and `allOf: [ref]` + `nullable` for a record that may be null.
 */
const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` }) as SchemaObject;
const nullableRef = (name: string): SchemaObject => ({ nullable: true, allOf: [ref(name)] });

const string = (example?: string): SchemaObject => ({ type: 'string', ...(example ? { example } : {}) });
const nullableString = (example?: string): SchemaObject => ({ ...string(example), nullable: true });
const uuid: SchemaObject = { type: 'string', format: 'uuid', example: '0e2d5b0c-5a4a-4d3b-9b8e-2f6e3f1c9a10' };
const nullableUuid: SchemaObject = { ...uuid, nullable: true };
const integer: SchemaObject = { type: 'integer', example: 1 };
const nullableInteger: SchemaObject = { ...integer, nullable: true };
const boolean: SchemaObject = { type: 'boolean' };
const number: SchemaObject = { type: 'number', example: 42.5 };
const metadata: SchemaObject = { type: 'object', nullable: true, additionalProperties: true, example: { plan: 'pro' } };
/** `inserted_at`-style: "2021-02-24T17:24:37" (UTC, no zone). */
const naive: SchemaObject = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$',
  example: '2021-02-24T17:24:37',
};
/** `:utc_datetime`: "2021-02-24T17:24:37Z". */
const utc: SchemaObject = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$',
  example: '2021-02-24T17:24:37Z',
};
const nullableUtc: SchemaObject = { ...utc, nullable: true };
const date: SchemaObject = { type: 'string', format: 'date', example: '2021-02-24' };
const nullableDate: SchemaObject = { ...date, nullable: true };
const constant = (value: string): SchemaObject => ({ type: 'string', enum: [value], example: value });
const oneOf = (...values: string[]): SchemaObject => ({ type: 'string', enum: values, example: values[0] });
const arrayOf = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
/** Always `null` in this shape. */
const alwaysNull = (description: string): SchemaObject => ({
  nullable: true,
  enum: [null],
  example: null,
  description,
});

function record(properties: Record<string, SchemaObject>, optional: string[] = []): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    properties,
  };
}

const customerBasic = {
  id: uuid,
  object: constant('customer'),
  browser: nullableString('Chrome'),
  company_id: nullableUuid,
  created_at: naive,
  current_url: nullableString('https://example.com/pricing'),
  email: nullableString('alex@example.com'),
  external_id: nullableString('abc123'),
  host: nullableString('example.com'),
  metadata,
  name: nullableString('Alex'),
  os: nullableString('Mac OS'),
  pathname: nullableString('/pricing'),
  phone: nullableString('650-555-6789'),
  profile_photo_url: nullableString(),
  title: string('Alex'),
  updated_at: naive,
};

const conversation = {
  id: uuid,
  object: constant('conversation'),
  account_id: uuid,
  assignee_id: nullableInteger,
  closed_at: nullableUtc,
  created_at: naive,
  customer_id: uuid,
  inbox_id: nullableUuid,
  last_activity_at: nullableUtc,
  metadata,
  priority: oneOf('not_priority', 'priority'),
  read: boolean,
  source: oneOf('chat', 'slack', 'email', 'sms', 'api', 'sandbox'),
  status: oneOf('open', 'closed'),
  subject: nullableString(),
};

const dateCounts = arrayOf(record({ date, count: integer }));
const weeklyMetrics = (listKey: string) =>
  arrayOf(record({ start_date: date, end_date: date, [listKey]: arrayOf(integer), average: number, median: number }));

const eventSubscription = {
  id: uuid,
  object: constant('event_subscription'),
  account_id: uuid,
  created_at: naive,
  disabled_at: nullableUtc,
  enabled: boolean,
  event_types: arrayOf(oneOf(...EVENT_TYPES)),
  scope: nullableString(),
  secret: alwaysNull('Only in the create and rotate_secret responses.'),
  updated_at: naive,
  verified: boolean,
  webhook_url: string('https://example.com/hooks/papercups'),
};

export const SCHEMAS = {
  User: record({
    id: integer,
    object: constant('user'),
    archived_at: nullableUtc,
    created_at: naive,
    disabled_at: nullableUtc,
    display_name: nullableString('Alex'),
    email: string('agent@example.com'),
    full_name: nullableString('Alex Agent'),
    profile_photo_url: nullableString(),
    role: oneOf('admin', 'user'),
  }),
  Me: record({ id: integer, account_id: uuid, email: string('agent@example.com'), role: oneOf('admin', 'user') }),
  SessionTokens: record({
    user_id: integer,
    email: string('agent@example.com'),
    account_id: uuid,
    token: string('pcs_3q2v…'),
    renew_token: string('pcr_9xk1…'),
  }),
  Empty: record({}),
  PersonalApiKey: record({
    id: uuid,
    object: constant('personal_api_key'),
    account_id: uuid,
    created_at: naive,
    label: string('My integration'),
    last_used_at: nullableUtc,
    prefix: string('pc_AbCd'),
    user_id: integer,
    value: {
      ...nullableString('pc_AbCdEf…'),
      description: 'The key itself: only in the create response, `null` afterwards.',
    },
  }),
  Company: record({
    id: uuid,
    object: constant('company'),
    account_id: uuid,
    created_at: naive,
    description: nullableString(),
    external_id: nullableString(),
    industry: nullableString(),
    logo_image_url: nullableString(),
    metadata,
    name: string('Acme'),
    slack_channel_id: nullableString(),
    slack_channel_name: nullableString(),
    slack_team_id: nullableString(),
    slack_team_name: nullableString(),
    updated_at: naive,
    website_url: nullableString(),
  }),
  Tag: record({
    id: uuid,
    object: constant('tag'),
    color: nullableString('#ff0000'),
    created_at: naive,
    description: nullableString(),
    name: string('vip'),
    updated_at: naive,
  }),
  CustomerBasic: record(customerBasic),
  Customer: record(
    {
      ...customerBasic,
      browser_language: nullableString('en-US'),
      browser_version: nullableString('120.0'),
      company: nullableRef('Company'),
      conversations: { ...arrayOf(ref('Conversation')), description: 'Lists only: the latest conversation, or none.' },
      first_seen: nullableDate,
      ip: nullableString('203.0.113.7'),
      last_seen: nullableDate,
      last_seen_at: nullableUtc,
      lib: nullableString(),
      screen_height: nullableInteger,
      screen_width: nullableInteger,
      tags: arrayOf(ref('Tag')),
      time_zone: nullableString('Europe/Paris'),
    },
    ['company', 'conversations', 'tags'],
  ),
  Conversation: record(conversation),
  ConversationExpanded: record({
    ...conversation,
    customer: nullableRef('Customer'),
    mentions: arrayOf({ type: 'object' }),
    messages: { ...arrayOf(ref('Message')), description: 'Oldest first.' },
    tags: arrayOf(ref('Tag')),
  }),
  Message: record(
    {
      id: uuid,
      object: constant('message'),
      account_id: uuid,
      attachments: arrayOf({ type: 'object' }),
      body: nullableString('How can I help you?'),
      content_type: nullableString('text'),
      conversation_id: uuid,
      created_at: naive,
      customer: { allOf: [ref('CustomerBasic')], description: 'Only on messages from a customer.' },
      customer_id: nullableUuid,
      metadata,
      private: { ...boolean, nullable: true },
      seen_at: nullableUtc,
      sent_at: nullableUtc,
      source: nullableString('chat'),
      type: { ...oneOf('reply', 'note', 'bot'), nullable: true },
      user: nullableRef('User'),
      user_id: nullableInteger,
    },
    ['customer'],
  ),
  Note: record({
    id: uuid,
    object: constant('note'),
    author: nullableRef('User'),
    author_id: integer,
    body: string('Prefers email.'),
    content_type: string('text'),
    created_at: naive,
    customer: nullableRef('Customer'),
    customer_id: uuid,
    updated_at: naive,
  }),
  Issue: record({
    id: uuid,
    object: constant('issue'),
    account_id: uuid,
    assignee_id: nullableInteger,
    body: nullableString(),
    closed_at: nullableUtc,
    created_at: naive,
    creator_id: nullableInteger,
    github_issue_url: nullableString(),
    state: oneOf(...ISSUE_STATES),
    title: string('Export fails on Safari'),
    updated_at: naive,
  }),
  UserSettings: record({
    id: uuid,
    object: constant('user_settings'),
    email_alert_on_new_conversation: boolean,
    email_alert_on_new_message: boolean,
    expo_push_token: nullableString(),
    user_id: integer,
  }),
  Report: record({
    messages_by_date: dateCounts,
    conversations_by_date: dateCounts,
    messages_per_user: arrayOf(
      record({ user: record({ id: integer, email: string('agent@example.com') }), count: integer }),
    ),
    messages_by_weekday: arrayOf(
      record({
        day: oneOf('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'),
        average: number,
        total: integer,
      }),
    ),
    sent_messages_by_date: dateCounts,
    received_messages_by_date: dateCounts,
    average_time_to_first_reply: { ...number, description: 'Seconds; 0 when there is none.' },
    median_time_to_first_reply: { ...number, description: 'Seconds; 0 when there is none.' },
    first_reply_metrics_by_week: { ...weeklyMetrics('seconds_to_first_reply_list'), description: 'Newest week first.' },
    average_time_to_resolution: { ...number, description: 'Seconds; 0 when there is none.' },
    median_time_to_resolution: { ...number, description: 'Seconds; 0 when there is none.' },
    resolution_metrics_by_week: { ...weeklyMetrics('seconds_to_resolution_list'), description: 'Newest week first.' },
  }),
  Count: record({ count: { ...integer, example: 12 } }),
  CustomerIdentity: record({
    customer_id: { ...nullableUuid, description: 'The most recently updated match, or null.' },
  }),
  Ok: record({ ok: { type: 'boolean', enum: [true], example: true } }),
  Verified: record({ verified: { ...boolean, description: 'Whether the URL echoed the webhook:verify challenge.' } }),
  Event: record({
    id: uuid,
    object: constant('event'),
    account_id: uuid,
    created_at: naive,
    cursor: {
      type: 'string',
      pattern: '^\\d+$',
      example: '42',
      description: 'Pass it back as `after` or `Last-Event-ID`.',
    },
    payload: {
      anyOf: [ref('Conversation'), ref('Message'), ref('Customer'), ref('Tag'), ref('Note')],
      description: 'The record as the API renders it (after the change; before it, for a delete).',
    },
    type: oneOf(...EVENT_TYPES),
  }),
  EventSubscription: record(eventSubscription),
  EventSubscriptionWithSecret: record({
    ...eventSubscription,
    secret: {
      type: 'string',
      pattern: '^whsec_',
      example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/ZDtY1DRqRU=',
      description: 'The signing secret: shown here and never again (rotate_secret makes a new one).',
    },
  }),
  WebhookDeliveryAttempt: record({
    id: uuid,
    object: constant('webhook_delivery_attempt'),
    created_at: utc,
    duration_ms: { ...integer, example: 87 },
    error: nullableString('timeout'),
    status_code: { ...nullableInteger, example: 200 },
  }),
  WebhookDelivery: record({
    id: { ...uuid, description: 'Also the `webhook-id` header of every POST made for it.' },
    object: constant('webhook_delivery'),
    account_id: uuid,
    attempt_count: integer,
    attempts: { ...arrayOf(ref('WebhookDeliveryAttempt')), description: 'Oldest first.' },
    created_at: naive,
    event: ref('Event'),
    last_attempt_at: nullableUtc,
    next_attempt_at: { ...nullableUtc, description: 'Only while pending.' },
    status: oneOf(...DELIVERY_STATUSES),
    subscription_id: uuid,
    updated_at: naive,
  }),
  ErrorEnvelope: record({
    error: record(
      {
        code: { ...integer, example: 401, description: 'Only on 401, as Papercups sends it.' },
        status: { ...integer, example: 422 },
        message: string('Unprocessable Entity'),
        errors: {
          type: 'object',
          additionalProperties: true,
          description: 'Field errors, Ecto-style: field → messages (nested for nested fields).',
          example: { status: ['is invalid'] },
        },
        request_id: {
          ...string('6f1c1f5e-7c2a-4f0e-a3c1-5d7e9b2f4a11'),
          description: 'Also in the X-Request-Id header.',
        },
      },
      ['code', 'errors'],
    ),
  }),
  Health: record(
    {
      status: oneOf('ok', 'unavailable'),
      checks: record({ database: oneOf('up', 'down'), migrations: oneOf('up', 'pending', 'unknown') }),
    },
    ['checks'],
  ),
  Pong: record({ message: constant('Pong!'), params: { type: 'object', additionalProperties: true, example: {} } }),
} satisfies Record<string, SchemaObject>;

export type SchemaName = keyof typeof SCHEMAS;

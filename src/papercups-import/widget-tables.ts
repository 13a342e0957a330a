import type { Column, ParentRef, TableMapping } from './mapping';

/**
 * Papercups' chat widget tables (issue 12): widget_settings, and files with the message_files linking them
 * to messages. Appended after the core tables (their parents, accounts to messages, come first). Files keep
 * their `file_url` (Papercups' S3 URLs): the bytes are not copied, so `storage_key` stays null and
 * `GET /api/upload/:id/content` answers 404 for them while their URL keeps working where it is.
 */
const STAMPS: Column[] = [
  { name: 'created_at', kind: 'timestamp', from: 'inserted_at' },
  { name: 'updated_at', kind: 'timestamp' },
];
const STAMP_SOURCES = ['inserted_at', 'updated_at'];
const IDENTITY = ['account_id', 'created_at'];
const account: ParentRef = {
  column: 'account_id',
  table: 'accounts',
  as: 'a',
  ifInvalid: 'skip',
  required: true,
  sameAccount: false,
};
const ref = (column: string, table: string, as: string, ifInvalid: ParentRef['ifInvalid'], required = false) => ({
  column,
  table,
  as,
  ifInvalid,
  required,
});
const text = (name: string, maxLength?: number, extra: Partial<Column> = {}): Column => ({
  name,
  kind: 'text',
  ...(maxLength ? { maxLength } : {}),
  ...extra,
});

const SHORT_TEXT = [
  'title',
  'subtitle',
  'color',
  'new_message_placeholder',
  'agent_available_text',
  'agent_unavailable_text',
  'email_input_placeholder',
  'new_messages_notification_text',
  'host',
];
const LONG_TEXT = ['greeting', 'custom_icon_url', 'iframe_url_override', 'base_url', 'away_message', 'pathname'];

export const WIDGET_TABLES: TableMapping[] = [
  {
    source: 'widget_settings',
    target: 'widget_settings',
    idKind: 'uuid',
    select: [
      'id',
      'account_id',
      'inbox_id',
      ...SHORT_TEXT,
      ...LONG_TEXT,
      'icon_variant',
      'show_agent_availability',
      'require_email_upfront',
      'is_open_by_default',
      'is_branding_hidden',
      'last_seen_at',
      ...STAMP_SOURCES,
    ],
    account: 'account_id',
    parents: [account, ref('inbox_id', 'inboxes', 'i', 'clear')],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'inbox_id', kind: 'uuid' },
      ...SHORT_TEXT.map((name) => text(name, 255)),
      ...LONG_TEXT.map((name) => text(name)),
      text('icon_variant', 255, { ifNull: 'outlined' }),
      { name: 'show_agent_availability', kind: 'boolean' },
      { name: 'require_email_upfront', kind: 'boolean' },
      { name: 'is_open_by_default', kind: 'boolean', ifNull: false },
      { name: 'is_branding_hidden', kind: 'boolean', ifNull: false },
      { name: 'last_seen_at', kind: 'timestamp' },
      ...STAMPS,
    ],
    identity: IDENTITY,
    // Settings this server already made for the inbox (the widget read them first) are someone else's row.
    unique: [{ columns: ['account_id', 'inbox_id'], meansPresent: false, label: 'widget settings of the inbox' }],
  },
  {
    source: 'files',
    target: 'files',
    idKind: 'uuid',
    select: [
      'id',
      'account_id',
      'customer_id',
      'user_id',
      'filename',
      'unique_filename',
      'file_url',
      'content_type',
      ...STAMP_SOURCES,
    ],
    account: 'account_id',
    parents: [account, ref('customer_id', 'customers', 'cu', 'clear'), ref('user_id', 'users', 'u', 'clear')],
    skipIf: (row) => (String(row.file_url ?? '').trim() ? null : 'has no file_url'),
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'customer_id', kind: 'uuid' },
      { name: 'user_id', kind: 'bigint' },
      text('filename', 255, { ifNull: 'file' }),
      {
        name: 'unique_filename',
        kind: 'text',
        value: (row, note) => row.unique_filename ?? (note('unique_filename was null: set to filename'), row.filename),
      },
      text('file_url'),
      text('content_type', 255, { ifNull: 'application/octet-stream' }),
      ...STAMPS,
    ],
    identity: IDENTITY,
  },
  {
    source: 'message_files',
    target: 'message_files',
    idKind: 'uuid',
    select: ['id', 'account_id', 'message_id', 'file_id', ...STAMP_SOURCES],
    account: 'account_id',
    parents: [account, ref('message_id', 'messages', 'm', 'skip', true), ref('file_id', 'files', 'f', 'skip', true)],
    columns: [
      { name: 'id', kind: 'uuid' },
      { name: 'account_id', kind: 'uuid' },
      { name: 'message_id', kind: 'uuid' },
      { name: 'file_id', kind: 'uuid' },
      ...STAMPS,
    ],
    identity: IDENTITY,
    unique: [{ columns: ['message_id', 'file_id'], meansPresent: true, label: 'message_id and file_id' }],
  },
];

/** Every event the server records. */
export const EVENT_TYPES = [
  'conversation:created',
  'conversation:updated',
  'conversation:deleted',
  'message:created',
  'message:updated',
  'message:deleted',
  'customer:created',
  'customer:updated',
  'customer:deleted',
  'tag:created',
  'tag:updated',
  'tag:deleted',
  'note:created',
  'note:updated',
  'note:deleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const isEventType = (value: string): value is EventType => (EVENT_TYPES as readonly string[]).includes(value);

/** The NOTIFY channel that carries `<account_id>:<cursor>` for every committed event. */
export const EVENTS_CHANNEL = 'papercups_events';

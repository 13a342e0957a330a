/** Every event the server records. Tags and notes have no write routes here, so they fire nothing yet. */
export const EVENT_TYPES = [
  'conversation:created', 'conversation:updated', 'conversation:deleted',
  'message:created', 'message:updated', 'message:deleted',
  'customer:created', 'customer:updated', 'customer:deleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const isEventType = (value: string): value is EventType => (EVENT_TYPES as readonly string[]).includes(value);

/** The NOTIFY channel that carries `<account_id>:<cursor>` for every committed event. */
export const EVENTS_CHANNEL = 'papercups_events';

/** The Phoenix client's refs are strings; numbers are echoed back as sent, like Phoenix does. */
export type Ref = string | number | null;

/** One frame of the Phoenix channels protocol, whichever serializer carried it. */
export interface PhoenixMessage {
  joinRef: Ref;
  ref: Ref;
  topic: string;
  event: string;
  payload: unknown;
}

/** Lifecycle events of the protocol (Phoenix.Channel / phoenix.js CHANNEL_EVENTS). */
export const PHX = {
  join: 'phx_join',
  leave: 'phx_leave',
  reply: 'phx_reply',
  error: 'phx_error',
  close: 'phx_close',
} as const;

/** Socket-level messages (heartbeats) use this topic; it is never a channel. */
export const SOCKET_TOPIC = 'phoenix';
export const HEARTBEAT = 'heartbeat';

export type ReplyStatus = 'ok' | 'error';

/** The payload of a `phx_reply`: `{status, response}`. */
export const replyPayload = (status: ReplyStatus, response: unknown) => ({ status, response });

import type { AuthUser } from '../../auth/auth-user';
import type { Ref } from '../protocol/phoenix-message';
import type { PresenceMeta } from '../presence/presence-state';

/** What a channel knows about the socket it is joined on (Phoenix's `socket.assigns` after connect). */
export interface SocketContext {
  readonly id: string;
  /** The agent whose session token the socket connected with (`token` param); null for visitors. */
  readonly agent: AuthUser | null;
  /** The session token itself, so agent channels can re-check it at join (logout, expiry). */
  readonly token: string | null;
  /** Connect params as sent (`account_id`, `inbox_id`, … ; the widget sends "undefined" for unset ones). */
  readonly params: Readonly<Record<string, string>>;
  readonly ip: string;
  /** The upgrade's Origin header (lower-case), checked against the account's allowed widget origins. */
  readonly origin: string | null;
}

/** A joined channel: Phoenix's channel process, as the handler sees it. */
export interface ChannelSession<State = unknown> {
  readonly topic: string;
  readonly joinRef: Ref;
  readonly socket: SocketContext;
  readonly state: State;
  /** Phoenix's `push/3`: to this socket only. */
  push(event: string, payload: unknown): void;
  /** Phoenix's `Presence.track(self(), topic, key, meta)`: untracked when this channel ends. */
  track(topic: string, key: string, meta: PresenceMeta): void;
  /** Pushes `presence_state` of this channel's topic now, and again whenever the bus resumes after a gap. */
  pushPresenceState(): Promise<void>;
}

export type Reply = { status: 'ok' | 'error'; response: object };
export const ok = (response: object = {}): Reply => ({ status: 'ok', response });
export const refused = (reason: string): Reply => ({ status: 'error', response: { reason } });

/** `{:ok, state}` (the reply payload defaults to `{}`) or `{:error, %{reason: …}}`. */
export type JoinResult<State> = { state: State; reply?: object } | { reason: string };
export const joined = <State>(state: State, reply?: object): JoinResult<State> => ({ state, reply });
export const denied = (reason: string): JoinResult<never> => ({ reason });

/**
 * One channel module of the socket (Phoenix: `channel "room:*", RoomChannel`). The most specific pattern
 * wins. Handlers are Nest providers: they reach services through their constructors.
 */
export interface ChannelHandler<State = unknown> {
  /** `prefix:*` (everything after the prefix is the handler's to parse) or an exact topic. */
  readonly pattern: string;
  /** Authorises with the socket's connect params and the join payload; never throws for bad input. */
  join(topic: string, payload: Record<string, unknown>, socket: SocketContext): Promise<JoinResult<State>>;
  /** Phoenix's `send(self(), :after_join)`: runs after the join reply has been sent. */
  afterJoin?(session: ChannelSession<State>): Promise<void>;
  /** The inbound events handleIn takes; others are answered `{"reason": "unknown event"}` (Phoenix would crash). */
  readonly events?: readonly string[];
  /**
   * An inbound event of `events`. A Reply answers the push; undefined answers nothing (`{:noreply, socket}`);
   * an exception crashes the channel (`phx_error`, the client rejoins). `ping` is answered by the framework.
   */
  handleIn?(
    event: string,
    payload: Record<string, unknown>,
    session: ChannelSession<State>,
  ): Promise<Reply | undefined>;
}

export const CHANNEL_HANDLERS = Symbol('CHANNEL_HANDLERS');

/** Payloads are JSON objects for every event these channels accept; anything else counts as `{}`. */
export const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The topic's suffix after `prefix`, when it is a UUID (ids are compared lower-case). */
export const uuidAfter = (topic: string, prefix: string): string | null => {
  const rest = topic.slice(prefix.length);
  return topic.startsWith(prefix) && isUuid(rest) ? rest.toLowerCase() : null;
};

import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RawData, WebSocket } from 'ws';
import type { AuthUser } from '../../auth/auth-user';
import type { RealtimeConfig } from '../../config/app.config';
import { asObject, ChannelHandler, ChannelSession, JoinResult, Reply, SocketContext } from '../channels/channel';
import { ChannelRegistry } from '../channels/channel-registry';
import { PresenceService, Tracked } from '../presence/presence.service';
import type { PresenceMeta } from '../presence/presence-state';
import {
  HEARTBEAT,
  PhoenixMessage,
  PHX,
  Ref,
  replyPayload,
  ReplyStatus,
  SOCKET_TOPIC,
} from '../protocol/phoenix-message';
import { MalformedMessage, PhoenixSerializer } from '../protocol/serializers';
import { LocalTopics, TopicMember } from '../pubsub/local-topics';

/** A socket whose client reads slower than we write is cut off beyond this much unsent data. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** After our close frame, the peer has this long to answer before the TCP connection is dropped. */
const CLOSE_GRACE_MS = 2000;

export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  unsupported: 1003,
  malformed: 1007,
  policy: 1008,
  tryAgainLater: 1013,
} as const;

export interface ConnectionDeps {
  registry: ChannelRegistry;
  topics: LocalTopics;
  presence: PresenceService;
  config: RealtimeConfig;
  logger: Logger;
}

export interface ConnectionInfo {
  serializer: PhoenixSerializer;
  agent: AuthUser | null;
  token: string | null;
  params: Record<string, string>;
  ip: string;
  origin: string | null;
}

/** A joined channel: subscribed to its topic, owner of the presences it tracked. */
class JoinedChannel implements ChannelSession, TopicMember {
  closed = false;
  private readonly tracked: Tracked[] = [];
  private unwatch: (() => void) | null = null;

  constructor(
    private readonly connection: SocketConnection,
    private readonly deps: ConnectionDeps,
    readonly handler: ChannelHandler,
    readonly topic: string,
    readonly joinRef: Ref,
    readonly state: unknown,
  ) {}

  get socket(): SocketContext {
    return this.connection;
  }

  get serializer(): PhoenixSerializer {
    return this.connection.serializer;
  }

  send(frame: string): void {
    if (!this.closed) this.connection.sendFrame(frame);
  }

  push(event: string, payload: unknown): void {
    if (!this.closed) this.connection.send({ joinRef: this.joinRef, ref: null, topic: this.topic, event, payload });
  }

  track(topic: string, key: string, meta: PresenceMeta): void {
    if (!this.closed) this.tracked.push(this.deps.presence.track(topic, key, meta));
  }

  async pushPresenceState(): Promise<void> {
    if (this.closed) return;
    this.unwatch ??= this.deps.presence.watch(this.topic, this);
    // What this channel itself tracked is part of the state it is sent.
    await Promise.all(this.tracked.map((entry) => entry.written));
    const state = await this.deps.presence.list(this.topic);
    this.push('presence_state', state);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.topics.remove(this.topic, this);
    this.unwatch?.();
    for (const entry of this.tracked) {
      this.deps.presence.untrack(entry).catch((error: Error) => {
        this.deps.logger.warn(`untrack failed: ${error.message}`);
      });
    }
  }
}

/**
 * One WebSocket speaking the Phoenix channels protocol (Phoenix.Socket): heartbeats on `phoenix`, then
 * join / leave / events per topic, answered with `phx_reply` carrying the push's ref and the channel's
 * join_ref. Frames are handled one at a time, in order (as Phoenix's socket process does), except
 * heartbeats, which are answered at once. Nothing a client sends can throw out of here: a malformed frame
 * closes the socket, a failing channel handler crashes only that channel (`phx_error`).
 */
export class SocketConnection implements SocketContext {
  readonly id = randomUUID();
  readonly serializer: PhoenixSerializer;
  readonly agent: AuthUser | null;
  readonly token: string | null;
  readonly params: Readonly<Record<string, string>>;
  readonly ip: string;
  readonly origin: string | null;
  private readonly channels = new Map<string, JoinedChannel>();
  private queue: Promise<void> = Promise.resolve();
  private readonly idle: NodeJS.Timeout;
  private windowStart = 0;
  private windowCount = 0;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    info: ConnectionInfo,
    private readonly deps: ConnectionDeps,
    private readonly onClosed: (connection: SocketConnection) => void,
  ) {
    ({
      serializer: this.serializer,
      agent: this.agent,
      token: this.token,
      params: this.params,
      ip: this.ip,
      origin: this.origin,
    } = info);
    this.idle = setTimeout(() => this.close(CLOSE.normal, 'idle timeout'), deps.config.idleTimeoutMs);
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('close', () => this.cleanUp());
    ws.on('error', () => this.cleanUp());
  }

  get channelCount(): number {
    return this.channels.size;
  }

  /** Closes with a close frame; channels end at once (their presences leave), the TCP socket soon after. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.cleanUp();
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** Resolves when the peer has gone (close handshake done or connection dropped). */
  whenGone(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }

  terminate(): void {
    this.cleanUp();
    this.ws.terminate();
  }

  send(message: PhoenixMessage): void {
    this.sendFrame(this.serializer.encode(message));
  }

  sendFrame(frame: string): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE.tryAgainLater, 'client too slow');
      return;
    }
    this.ws.send(frame);
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    this.idle.refresh();
    if (isBinary) return this.close(CLOSE.unsupported, 'binary frames are not supported');
    let message: PhoenixMessage;
    try {
      message = this.serializer.decode(data.toString());
    } catch (error) {
      if (!(error instanceof MalformedMessage)) this.deps.logger.error(`cannot decode a frame: ${String(error)}`);
      return this.close(CLOSE.malformed, 'malformed message');
    }
    if (message.topic === SOCKET_TOPIC && message.event === HEARTBEAT) {
      return this.reply(message, null, 'ok', {});
    }
    if (!this.withinRate(message)) return;
    this.queue = this.queue
      .then(() => this.handle(message))
      .catch((error: Error) => this.deps.logger.error(`socket message failed: ${error.stack ?? error.message}`));
  }

  /** A fixed one-second window; past the limit pushes are refused, past twice the limit the socket is closed. */
  private withinRate(message: PhoenixMessage): boolean {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    const limit = this.deps.config.maxMessagesPerSecond;
    if (++this.windowCount <= limit) return true;
    if (this.windowCount > 2 * limit) this.close(CLOSE.policy, 'too many messages');
    else this.reply(message, message.joinRef, 'error', { reason: 'too many messages' });
    return false;
  }

  private async handle(message: PhoenixMessage): Promise<void> {
    if (this.closed) return;
    const existing = this.channels.get(message.topic);
    if (message.event === PHX.join) return this.join(message, existing);
    if (message.event === PHX.leave) {
      if (!existing) return this.reply(message, message.joinRef, 'ok', {});
      // A leave for an older join of the topic raced a server close: nothing to answer.
      if (message.joinRef !== null && message.joinRef !== existing.joinRef) return;
      this.reply(message, existing.joinRef, 'ok', {});
      return this.endChannel(existing, PHX.close);
    }
    if (!existing) return this.reply(message, null, 'error', { reason: 'unmatched topic' });
    return this.dispatch(existing, message);
  }

  private async join(message: PhoenixMessage, existing: JoinedChannel | undefined): Promise<void> {
    const { topic, joinRef } = message;
    // Phoenix closes the old channel of a duplicate join and tells the client after the new join's reply.
    if (existing) this.endChannel(existing, null);
    const closeOld = () => existing && this.sendLifecycle(existing, PHX.close);
    const handler = this.deps.registry.match(topic);
    if (!handler) {
      this.reply(message, null, 'error', { reason: 'unmatched topic' });
      return closeOld();
    }
    if (this.channels.size >= this.deps.config.maxChannelsPerSocket) {
      this.reply(message, joinRef, 'error', { reason: 'too many channels' });
      return closeOld();
    }
    let result: JoinResult<unknown>;
    try {
      result = await handler.join(topic, asObject(message.payload), this);
    } catch (error) {
      this.deps.logger.error(`join of ${topic} crashed: ${(error as Error).stack ?? error}`);
      result = { reason: 'join crashed' };
    }
    if (this.closed) return;
    if ('reason' in result) {
      this.reply(message, joinRef, 'error', { reason: result.reason });
      return closeOld();
    }
    const channel = new JoinedChannel(this, this.deps, handler, topic, joinRef, result.state);
    this.channels.set(topic, channel);
    this.deps.topics.add(topic, channel);
    this.reply(message, joinRef, 'ok', result.reply ?? {});
    closeOld();
    if (handler.afterJoin) {
      try {
        await handler.afterJoin(channel);
      } catch (error) {
        this.crash(channel, error as Error);
      }
    }
  }

  private async dispatch(channel: JoinedChannel, message: PhoenixMessage): Promise<void> {
    const { handler } = channel;
    const payload = asObject(message.payload);
    if (message.event === 'ping') return this.reply(message, channel.joinRef, 'ok', payload);
    if (!handler.handleIn || !handler.events?.includes(message.event)) {
      return this.reply(message, channel.joinRef, 'error', { reason: 'unknown event' });
    }
    let reply: Reply | undefined;
    try {
      reply = await handler.handleIn(message.event, payload, channel);
    } catch (error) {
      return this.crash(channel, error as Error);
    }
    if (reply && !channel.closed) this.reply(message, channel.joinRef, reply.status, reply.response);
  }

  /** A handler failed: the channel dies and the client is told with `phx_error` (it rejoins). */
  private crash(channel: JoinedChannel, error: Error): void {
    this.deps.logger.error(`channel ${channel.topic} crashed: ${error.stack ?? error.message}`);
    this.endChannel(channel, PHX.error);
  }

  private endChannel(channel: JoinedChannel, notify: typeof PHX.close | typeof PHX.error | null): void {
    if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
    channel.end();
    if (notify) this.sendLifecycle(channel, notify);
  }

  /** `phx_close` / `phx_error` carry the channel's join_ref as both refs. */
  private sendLifecycle(channel: JoinedChannel, event: string): void {
    this.send({ joinRef: channel.joinRef, ref: channel.joinRef, topic: channel.topic, event, payload: {} });
  }

  private reply(message: PhoenixMessage, joinRef: Ref, status: ReplyStatus, response: unknown): void {
    this.send({
      joinRef,
      ref: message.ref,
      topic: message.topic,
      event: PHX.reply,
      payload: replyPayload(status, response),
    });
  }

  private cleanUp(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idle);
    for (const channel of this.channels.values()) channel.end();
    this.channels.clear();
    this.onClosed(this);
  }
}

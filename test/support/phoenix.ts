import { AddressInfo } from 'node:net';
import { Channel, Socket, SocketConnectOption } from 'phoenix';
import WebSocket from 'ws';
import type { TestApp } from './test-app';

/** `ws://127.0.0.1:<port>/socket` of an app that listens (`await t.app.listen(0, '127.0.0.1')`). */
export function socketBase(t: TestApp): string {
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `ws://127.0.0.1:${port}/socket`;
}

export interface Reply {
  status: string;
  response: any;
}

/**
 * The official `phoenix` client in Node, with `ws` as its transport. Reconnects are off unless asked for,
 * so a refused connection fails the promise instead of retrying forever.
 */
export class PhoenixClient {
  readonly socket: Socket;

  constructor(base: string, opts: Partial<SocketConnectOption> = {}) {
    this.socket = new Socket(base, {
      transport: WebSocket as never,
      reconnectAfterMs: () => 60_000,
      rejoinAfterMs: () => 60_000,
      ...opts,
    });
  }

  connect(): Promise<this> {
    return new Promise((resolve, reject) => {
      const refs = [
        this.socket.onOpen(() => {
          this.socket.off(refs);
          resolve(this);
        }),
        this.socket.onError((error) => {
          this.socket.off(refs);
          this.socket.disconnect();
          reject(new Error(`socket error: ${String((error as { message?: string })?.message ?? error)}`));
        }),
      ];
      this.socket.connect();
    });
  }

  /** A new channel and its join reply (`{status, response}`; a timeout rejects). */
  async join(topic: string, payload: object = {}): Promise<{ channel: Channel; reply: Reply }> {
    const channel = this.socket.channel(topic, payload);
    const reply = await receive(channel.join());
    return { channel, reply };
  }

  /** Refused joins keep a rejoin timer; leaving every channel first lets the test process exit. */
  disconnect(): Promise<void> {
    for (const channel of (this.socket as unknown as { channels: Channel[] }).channels) channel.leave(0);
    return new Promise((resolve) => this.socket.disconnect(() => resolve()));
  }
}

/** The reply to a push, whichever status it has. */
export function receive(push: ReturnType<Channel['push']>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    push
      .receive('ok', (response: unknown) => resolve({ status: 'ok', response }))
      .receive('error', (response: unknown) => resolve({ status: 'error', response }))
      .receive('timeout', () => reject(new Error('push timed out')));
  });
}

export const pushAndReceive = (channel: Channel, event: string, payload: object = {}) =>
  receive(channel.push(event, payload));

/** Collects every message of one event on a channel, from now on. */
export class Inbox<T = any> {
  readonly messages: T[] = [];
  private waiters: (() => void)[] = [];

  constructor(channel: Channel, event: string) {
    channel.on(event, (payload: T) => {
      this.messages.push(payload);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves with the messages once `count` have arrived. */
  async take(count = 1, timeoutMs = 5000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages.slice(0, count);
  }
}

/** A bare WebSocket for what the official client never sends (malformed frames, floods). */
export class RawSocket {
  readonly frames: unknown[] = [];
  closeCode: number | null = null;
  closeReason = '';
  private waiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.wake();
    });
  }

  static open(url: string, protocols?: string[]): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocols);
      const raw = new RawSocket(ws);
      ws.once('open', () => resolve(raw));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** The HTTP status an upgrade is refused with. */
  static refusal(url: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => {
        ws.close();
        reject(new Error('the upgrade was accepted'));
      });
      ws.once('error', () => undefined);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** Waits until `count` frames have arrived in all (not only new ones). */
  async frame(count: number, timeoutMs = 5000): Promise<unknown> {
    await this.wait(() => this.frames.length >= count, timeoutMs, `frame ${count}`);
    return this.frames[count - 1];
  }

  /** Waits until the frames received so far satisfy `done`. */
  async until(done: (frames: unknown[]) => boolean, timeoutMs = 5000): Promise<void> {
    await this.wait(() => done(this.frames), timeoutMs, 'frames');
  }

  async closed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    await this.wait(() => this.closeCode !== null, timeoutMs, 'close');
    return { code: this.closeCode!, reason: this.closeReason };
  }

  close(): void {
    this.ws.terminate();
  }

  private async wait(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

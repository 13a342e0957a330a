import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgListener } from '../../database/pg-listener';
import { NODE_ID } from '../realtime.config';
import { BusMessage, BusSubscriber, RealtimeBus } from './realtime-bus';

export const REALTIME_CHANNEL = 'papercups_realtime';

/** NOTIFY payloads must stay below 8000 bytes; larger broadcasts travel as their realtime_payloads id only. */
export const MAX_INLINE_BYTES = 7900;

/** realtime_payloads rows live a minute (PresenceService deletes older ones); ids seen are kept longer. */
const SEEN_MS = 2 * 60_000;

/** Stored: `{n: node, t, e, p}`. On the wire: `{n, r: realtime_payloads.id, t, e, p}`, or `{n, r}` when large. */
interface Envelope {
  n: string;
  r: number | string;
  t?: string;
  e?: string;
  p?: unknown;
}

/**
 * Broadcasts between instances over PostgreSQL, the one part they already share. Each publish is one
 * statement that logs the broadcast in realtime_payloads and NOTIFYs its id (with the broadcast inline
 * when it fits); every instance (this one too) receives it and skips its own. While an instance's LISTEN
 * connection is down it misses notifications, so when listening resumes it replays the logged broadcasts
 * of the last minute it has not seen. Received notifications are handled strictly in order.
 */
@Injectable()
export class PostgresRealtimeBus implements RealtimeBus {
  private readonly logger = new Logger('RealtimeBus');
  private readonly subscribers: BusSubscriber[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** Log ids delivered (or published) here, with when: a replay skips them. */
  private readonly seen = new Map<string, number>();
  /** Nothing logged before this instance first listened is replayed (its sockets were not there). */
  private floor: string | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NODE_ID) private readonly nodeId: string,
    listener: PgListener,
  ) {
    listener.listen(REALTIME_CHANNEL, {
      onNotification: (payload) => this.enqueue(() => this.receive(payload)),
      onResume: () =>
        this.enqueue(async () => {
          await this.replay();
          for (const subscriber of this.subscribers) subscriber.onResume();
        }),
    });
  }

  subscribe(subscriber: BusSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async publish({ topic, event, payload }: BusMessage): Promise<void> {
    const body = JSON.stringify({ n: this.nodeId, t: topic, e: event, p: payload });
    const inline = Buffer.byteLength(body) <= MAX_INLINE_BYTES - 40;
    await this.db.query(
      `WITH row AS (INSERT INTO realtime_payloads (body) VALUES ($1) RETURNING id)
       SELECT pg_notify($2, CASE WHEN $4::boolean
         THEN '{"r":' || id || ',' || substr($1, 2)
         ELSE json_build_object('n', $3::text, 'r', id)::text END) FROM row`,
      [body, REALTIME_CHANNEL, this.nodeId, inline],
    );
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: Error) => {
      this.logger.warn(`dropped a broadcast: ${error.message}`);
    });
  }

  private async receive(raw: string): Promise<void> {
    const envelope = JSON.parse(raw) as Envelope;
    const id = String(envelope.r);
    if (envelope.n === this.nodeId || this.seen.has(id)) return;
    this.seen.set(id, Date.now());
    let message: BusMessage;
    if (envelope.t === undefined) {
      const [row] = await this.db.query<{ body: string }[]>(`SELECT body FROM realtime_payloads WHERE id = $1`, [id]);
      if (!row) throw new Error(`payload ${id} is gone`);
      const stored = JSON.parse(row.body) as Envelope;
      message = { topic: stored.t!, event: stored.e!, payload: stored.p };
    } else {
      message = { topic: envelope.t, event: envelope.e!, payload: envelope.p };
    }
    this.deliver(message);
  }

  /** The broadcasts of other instances logged while this one was not listening (at most the last minute). */
  private async replay(): Promise<void> {
    if (this.floor === null) {
      const [{ max }] = await this.db.query<{ max: string }[]>(
        `SELECT coalesce(max(id), 0)::text AS max FROM realtime_payloads`,
      );
      this.floor = max;
      return;
    }
    const rows = await this.db.query<{ id: string; body: string }[]>(
      `SELECT id::text, body FROM realtime_payloads WHERE id > $1 ORDER BY id`,
      [this.floor],
    );
    let replayed = 0;
    for (const row of rows) {
      if (this.seen.has(row.id)) continue;
      const stored = JSON.parse(row.body) as Envelope;
      this.seen.set(row.id, Date.now());
      if (stored.n === this.nodeId) continue;
      this.deliver({ topic: stored.t!, event: stored.e!, payload: stored.p });
      replayed++;
    }
    if (replayed) this.logger.log(`replayed ${replayed} broadcasts missed while not listening`);
    this.prune();
  }

  private deliver(message: BusMessage): void {
    for (const subscriber of this.subscribers) subscriber.onMessage(message);
    if (this.seen.size > 10_000) this.prune();
  }

  private prune(): void {
    const cutoff = Date.now() - SEEN_MS;
    for (const [id, at] of this.seen) {
      if (at >= cutoff) break;
      this.seen.delete(id);
    }
  }
}

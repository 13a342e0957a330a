import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgListener } from '../../database/pg-listener';
import { NODE_ID } from '../realtime.config';
import { BusMessage, BusSubscriber, RealtimeBus } from './realtime-bus';

export const REALTIME_CHANNEL = 'papercups_realtime';

/** NOTIFY payloads must stay below 8000 bytes; larger broadcasts go through realtime_payloads. */
export const MAX_INLINE_BYTES = 7900;

/** On the wire: `{n: node, t, e, p}` inline, or `{n: node, r: realtime_payloads.id}`. */
interface Envelope {
  n: string;
  t?: string;
  e?: string;
  p?: unknown;
  r?: number;
}

/**
 * Broadcasts between instances over PostgreSQL, the one part they already share. Each publish is one
 * statement; every instance (this one too) receives the NOTIFY and skips its own. Received notifications
 * are handled strictly in order, so a large payload being fetched holds back the ones after it.
 */
@Injectable()
export class PostgresRealtimeBus implements RealtimeBus {
  private readonly logger = new Logger('RealtimeBus');
  private readonly subscribers: BusSubscriber[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NODE_ID) private readonly nodeId: string,
    listener: PgListener,
  ) {
    listener.listen(REALTIME_CHANNEL, {
      onNotification: (payload) => this.enqueue(payload),
      onResume: () => {
        for (const subscriber of this.subscribers) subscriber.onResume();
      },
    });
  }

  subscribe(subscriber: BusSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async publish({ topic, event, payload }: BusMessage): Promise<void> {
    const inline = JSON.stringify({ n: this.nodeId, t: topic, e: event, p: payload } satisfies Envelope);
    if (Buffer.byteLength(inline) <= MAX_INLINE_BYTES) {
      await this.db.query(`SELECT pg_notify($1, $2)`, [REALTIME_CHANNEL, inline]);
      return;
    }
    await this.db.query(
      `WITH row AS (INSERT INTO realtime_payloads (body) VALUES ($1) RETURNING id)
       SELECT pg_notify($2, json_build_object('n', $3::text, 'r', id)::text) FROM row`,
      [JSON.stringify({ t: topic, e: event, p: payload }), REALTIME_CHANNEL, this.nodeId],
    );
  }

  private enqueue(raw: string): void {
    this.queue = this.queue
      .then(() => this.receive(raw))
      .catch((error: Error) => {
        this.logger.warn(`dropped a broadcast: ${error.message}`);
      });
  }

  private async receive(raw: string): Promise<void> {
    const envelope = JSON.parse(raw) as Envelope;
    if (envelope.n === this.nodeId) return;
    let message: BusMessage;
    if (envelope.r !== undefined) {
      const [row] = await this.db.query<{ body: string }[]>(`SELECT body FROM realtime_payloads WHERE id = $1`, [
        envelope.r,
      ]);
      if (!row) throw new Error(`payload ${envelope.r} is gone`);
      const stored = JSON.parse(row.body) as Envelope;
      message = { topic: stored.t!, event: stored.e!, payload: stored.p };
    } else {
      message = { topic: envelope.t!, event: envelope.e!, payload: envelope.p };
    }
    for (const subscriber of this.subscribers) subscriber.onMessage(message);
  }
}

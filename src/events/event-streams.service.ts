import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { tooManyStreams } from '../common/errors';
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { Event } from './entities/event.entity';
import { EventNotifications } from './event-notifications';
import { EventsService, parseCursor, parseTypes } from './events.service';
import { toEventResponse } from './event.mapper';

/** Who opened a stream: its account, and the hash of the API key it came with. */
export interface StreamOwner {
  accountId: string;
  keyHash: string;
}

/** Events read from the log per query; also the most a stream ever has in flight beyond the socket buffer. */
const BATCH = 100;

const frame = (event: Event) =>
  `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(toEventResponse(event))}\n\n`;

/**
 * Server-Sent Events over the event log. Each stream keeps only its cursor: a notification (from any
 * instance) marks it dirty, and it then reads the log after its cursor, one batch at a time, waiting for
 * the socket to drain before reading more. A slow client therefore falls behind in the log, not in memory.
 */
@Injectable()
export class EventStreamsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('EventStreams');
  private readonly open = new Set<ServerResponse>();
  private readonly heartbeatMs: number;
  private readonly maxPerKey: number;
  private readonly keyCheckMs: number;
  /** Open streams per key hash (this instance), and each stream's key. */
  private readonly perKey = new Map<string, number>();
  private readonly keyOf = new Map<ServerResponse, string>();
  private revalidation: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: EventsService,
    private readonly notifications: EventNotifications,
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() config: AppConfig,
  ) {
    this.heartbeatMs = config.streamHeartbeatMs;
    this.maxPerKey = config.streamMaxPerKey;
    this.keyCheckMs = config.apiKeyCacheTtlMs;
  }

  /**
   * Resumes after `Last-Event-ID` (or `?after=`) when given, else starts with the next event; `type` (as in
   * the list) keeps only those types.
   */
  async start(
    { accountId, keyHash }: StreamOwner,
    resumeFrom: string | undefined,
    type: string | string[] | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    if ((this.perKey.get(keyHash) ?? 0) >= this.maxPerKey) throw tooManyStreams(this.maxPerKey);
    const types = parseTypes(type);
    const cursor =
      resumeFrom !== undefined ? parseCursor(resumeFrom, 'Last-Event-ID') : await this.events.latest(accountId);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // HEAD: the headers a GET would get, and no stream (Fastify's HEAD route runs this same handler).
    if (reply.request.method === 'HEAD') return void raw.end();
    raw.write(`retry: 2000\n: cursor ${cursor}\n\n`);
    this.track(keyHash, raw);
    void this.pump(accountId, cursor, types, raw);
  }

  onModuleInit(): void {
    // As often as a cached key is looked up again: a deleted key, or a disabled user, ends its streams then.
    this.revalidation = setInterval(() => void this.revalidate(), Math.max(1000, this.keyCheckMs));
    this.revalidation.unref();
  }

  onModuleDestroy(): void {
    if (this.revalidation) clearInterval(this.revalidation);
    for (const raw of this.open) raw.end();
  }

  private track(keyHash: string, raw: ServerResponse): void {
    this.perKey.set(keyHash, (this.perKey.get(keyHash) ?? 0) + 1);
    this.keyOf.set(raw, keyHash);
    raw.once('close', () => {
      const left = (this.perKey.get(keyHash) ?? 1) - 1;
      if (left > 0) this.perKey.set(keyHash, left);
      else this.perKey.delete(keyHash);
      this.keyOf.delete(raw);
    });
  }

  /** Ends the streams whose key no longer exists or whose user is disabled or archived: one query. */
  private async revalidate(): Promise<void> {
    const hashes = [...this.perKey.keys()];
    if (!hashes.length) return;
    try {
      const rows: { key_hash: string }[] = await this.db.query(
        `SELECT k.key_hash FROM personal_api_keys k JOIN users u ON u.id = k.user_id
          WHERE k.key_hash = ANY($1) AND u.disabled_at IS NULL AND u.archived_at IS NULL`,
        [hashes],
      );
      const valid = new Set(rows.map((row) => row.key_hash.trim()));
      for (const [raw, keyHash] of this.keyOf) if (!valid.has(keyHash)) raw.end();
    } catch (error) {
      this.logger.warn(`stream key check failed: ${(error as Error).message}`);
    }
  }

  private async pump(accountId: string, from: number, types: string[], raw: ServerResponse): Promise<void> {
    let cursor = from;
    let dirty = true;
    let closed = false;
    let wake = () => {};
    const unsubscribe = this.notifications.subscribe((account) => {
      if (account === accountId || account === '*') {
        dirty = true;
        wake();
      }
    });
    const heartbeat = setInterval(() => {
      if (!raw.writableNeedDrain) raw.write(': heartbeat\n\n');
    }, this.heartbeatMs);
    const close = () => {
      closed = true;
      wake();
    };
    raw.on('close', close);
    this.open.add(raw);
    const opened = Date.now();
    let sent = 0;
    this.logger.log({
      msg: 'event stream opened',
      account_id: accountId,
      cursor: from,
      types,
      open_streams: this.open.size,
    });
    try {
      while (!closed) {
        if (!dirty) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            if (dirty || closed) resolve();
          });
          continue;
        }
        dirty = false;
        const batch = await this.events.after(accountId, cursor, BATCH, types);
        for (const event of batch) {
          if (closed) break;
          cursor = event.seq;
          sent++;
          if (!raw.write(frame(event))) await drained(raw);
        }
        if (batch.length === BATCH) dirty = true;
      }
    } catch (error) {
      this.logger.warn(`stream ended: ${(error as Error).message}`);
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(raw);
      if (!raw.writableEnded) raw.end();
      this.logger.log({
        msg: 'event stream closed',
        account_id: accountId,
        duration_ms: Date.now() - opened,
        events_sent: sent,
        cursor,
      });
    }
  }
}

const drained = (raw: ServerResponse) =>
  new Promise<void>((resolve) => {
    const done = () => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });

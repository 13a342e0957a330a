import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { Event } from './entities/event.entity';
import { EventNotifications } from './event-notifications';
import { EventsService, parseCursor, parseTypes } from './events.service';
import { toEventResponse } from './event.mapper';

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
export class EventStreamsService implements OnModuleDestroy {
  private readonly logger = new Logger('EventStreams');
  private readonly open = new Set<ServerResponse>();
  private readonly heartbeatMs: number;

  constructor(
    private readonly events: EventsService,
    private readonly notifications: EventNotifications,
    @InjectConfig() config: AppConfig,
  ) {
    this.heartbeatMs = config.streamHeartbeatMs;
  }

  /**
   * Resumes after `Last-Event-ID` (or `?after=`) when given, else starts with the next event; `type` (as in
   * the list) keeps only those types.
   */
  async start(
    accountId: string,
    resumeFrom: string | undefined,
    type: string | string[] | undefined,
    reply: FastifyReply,
  ): Promise<void> {
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
    void this.pump(accountId, cursor, types, raw);
  }

  onModuleDestroy(): void {
    for (const raw of this.open) raw.end();
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

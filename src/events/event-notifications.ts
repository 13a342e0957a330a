import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EVENTS_CHANNEL } from './event-types';

type Listener = (accountId: string, seq: number) => void;

/**
 * One dedicated connection per instance LISTENs on the events channel; PostgreSQL sends each NOTIFY at
 * commit, to every instance, so streams and delivery workers wake up whichever instance wrote the event.
 * Notifications only wake readers up: what to send is always read back from the log, so a lost
 * notification (reconnect) costs latency, never an event.
 */
@Injectable()
export class EventNotifications implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EventNotifications');
  private readonly listeners = new Set<Listener>();
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: (this.dataSource.options as { url: string }).url });
    client.on('notification', ({ payload }) => this.dispatch(payload ?? ''));
    client.on('error', (error) => {
      this.logger.warn(`listener connection lost: ${error.message}`);
      this.reconnect(client);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.client = client;
      // Anything committed while we were not listening is picked up by this wake-up of everyone.
      for (const listener of this.listeners) listener('*', 0);
    } catch (error) {
      this.logger.warn(`cannot listen: ${(error as Error).message}`);
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    client.end().catch(() => undefined);
    if (this.client === client) this.client = null;
    if (!this.stopped && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.connect();
      }, 1000);
    }
  }

  private dispatch(payload: string): void {
    const at = payload.lastIndexOf(':');
    const accountId = payload.slice(0, at);
    const seq = Number(payload.slice(at + 1));
    for (const listener of this.listeners) listener(accountId, seq);
  }
}

import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

interface Subscription {
  onNotification: (payload: string) => void;
  /** After every (re)connect: anything notified while nobody listened is gone, so readers catch up. */
  onResume?: () => void;
}

const RETRY_MS = 1000;

/**
 * The instance's one dedicated LISTEN connection, shared by everything that waits for NOTIFY (the event
 * stream and webhook worker, the real-time channels). PostgreSQL sends each NOTIFY at commit to every
 * listening instance; while the connection is down notifications are lost, which is why every subscriber
 * is told when listening resumes.
 */
@Injectable()
export class PgListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PgListener');
  private readonly channels = new Map<string, Subscription[]>();
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Channel names are code constants (identifiers), never user input. */
  listen(channel: string, subscription: Subscription): void {
    const existing = this.channels.get(channel);
    if (existing) {
      existing.push(subscription);
      return;
    }
    this.channels.set(channel, [subscription]);
    if (this.client) {
      this.client.query(`LISTEN ${channel}`).then(
        () => subscription.onResume?.(),
        (error: Error) => this.logger.warn(`cannot listen on ${channel}: ${error.message}`),
      );
    }
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
    client.on('notification', ({ channel, payload }) => {
      for (const subscription of this.channels.get(channel) ?? []) subscription.onNotification(payload ?? '');
    });
    client.on('error', (error) => {
      this.logger.warn(`listener connection lost: ${error.message}`);
      this.reconnect(client);
    });
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
      this.client = client;
      for (const subscriptions of this.channels.values()) for (const s of subscriptions) s.onResume?.();
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
      }, RETRY_MS);
    }
  }
}

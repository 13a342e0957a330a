import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * EVENT_RETENTION_DAYS: once an hour, events older than that go, with their webhook deliveries and attempts
 * (ON DELETE CASCADE). Every instance prunes; the DELETE is idempotent.
 */
@Injectable()
export class EventRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EventRetention');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Deletes what is past retention; returns how many events went. */
  async prune(): Promise<number> {
    const days = this.config.eventRetentionDays;
    try {
      const [, affected] = await this.db.query(
        `DELETE FROM events WHERE created_at < now() - make_interval(days => $1)`,
        [days],
      );
      const removed = Number(affected ?? 0);
      if (removed) this.logger.log(`pruned ${removed} events older than ${days} days`);
      return removed;
    } catch (error) {
      this.logger.warn(`pruning failed: ${(error as Error).message}`);
      return 0;
    }
  }
}

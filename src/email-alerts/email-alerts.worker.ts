import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CoalescingLoop } from '../common/scheduling/coalescing-loop';
import type { AppConfig } from '../config/app.config';
import { InjectConfig } from '../config/config.module';
import { EventNotifications } from '../events/event-notifications';
import { Mailer } from '../mail/mailer.service';
import { alertMail, AlertRow } from './email-alert.mail';
import * as SQL from './email-alerts.sql';

const ACCOUNTS_PER_ROUND = 50;
const EVENTS_PER_ACCOUNT = 500;
const USERS_PER_ROUND = 20;
/** After a failed SMTP send, the next try waits this long (the alerts stay queued). */
const SEND_RETRY_MS = 5_000;
const PURGE_EVERY_MS = 10 * 60 * 1000;

/**
 * Email alerts from the outbox. Two steps, each safe with any number of instances and restarts:
 *
 * 1. Fan-out: per account, the events after its alert cursor become alert rows (one per agent who wants
 *    them) and the cursor moves, in one statement holding the cursor row (other instances skip it). A
 *    crash before it commits leaves the cursor where it was, so the events are read again; the unique
 *    (account, event, user) key keeps a row from being queued twice.
 * 2. Send: an agent whose oldest pending alert is older than the window gets all pending alerts in one mail.
 *    The rows are locked and marked sent in the transaction that sent the mail, under a per-agent advisory
 *    lock, so two instances never send the same batch. Only a crash between the SMTP server accepting the mail
 *    and the commit sends it again, with the same Message-ID (mail clients show it once).
 */
@Injectable()
export class EmailAlertsWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EmailAlerts');
  private readonly loop = new CoalescingLoop(
    () => this.round(),
    () => this.pollMs,
  );
  private sendAfter = 0;
  private purgedAt = 0;
  private unsubscribe: () => void = () => {};

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: EventNotifications,
    private readonly mailer: Mailer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Often enough that a batch leaves about when its window closes, never more than once a second when idle. */
  private get pollMs(): number {
    return Math.min(1000, Math.max(20, Math.floor(this.config.mail.alertWindowMs / 5)));
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.notifications.subscribe(() => this.loop.kick());
    this.loop.kick();
  }

  /** Before the pool closes: stop, and let a mail in flight finish and be marked sent. */
  async onModuleDestroy(): Promise<void> {
    this.unsubscribe();
    await this.loop.stop();
  }

  private async round(): Promise<void> {
    try {
      await this.fanOut();
      if (Date.now() >= this.sendAfter) await this.sendDue();
      if (Date.now() - this.purgedAt > PURGE_EVERY_MS) {
        this.purgedAt = Date.now();
        await this.db.query(SQL.PURGE_SQL);
      }
    } catch (error) {
      if (!this.loop.stopped) this.logger.error(`email alert round failed: ${(error as Error).message}`);
    }
  }

  private async fanOut(): Promise<void> {
    const behind: { account_id: string }[] = await this.db.query(SQL.BEHIND_SQL, [ACCOUNTS_PER_ROUND]);
    for (const { account_id: accountId } of behind) {
      if (this.loop.stopped) return;
      await this.db.query(SQL.ENSURE_CURSOR_SQL, [accountId]);
      await this.db.query(SQL.FAN_OUT_SQL, [accountId, EVENTS_PER_ACCOUNT]);
    }
  }

  private async sendDue(): Promise<void> {
    const window = this.config.mail.alertWindowMs;
    const due: { user_id: number }[] = await this.db.query(SQL.DUE_SQL, [window, USERS_PER_ROUND]);
    for (const { user_id: userId } of due) {
      if (this.loop.stopped) return;
      try {
        await this.db.transaction((manager) => this.sendBatch(manager, userId, window));
      } catch (error) {
        this.sendAfter = Date.now() + SEND_RETRY_MS;
        this.logger.error(`email alert to user ${userId} not sent (kept for a retry): ${(error as Error).message}`);
        return;
      }
    }
  }

  private async sendBatch(manager: EntityManager, userId: number, window: number): Promise<void> {
    const [{ locked }]: { locked: boolean }[] = await manager.query(SQL.LOCK_USER_SQL, [userId]);
    if (!locked) return;
    const rows: AlertRow[] = await manager.query(SQL.BATCH_SQL, [userId, window]);
    // Another instance may have just sent the batch; what is left may be a new, not yet due one.
    if (!rows.some((row) => row.ripe)) return;
    await this.mailer.send(alertMail(userId, rows, this.config.mail.appUrl));
    await manager.query(SQL.MARK_SENT_SQL, [rows.map((row) => row.id)]);
  }
}

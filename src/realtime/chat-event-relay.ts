import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventNotifications } from '../events/event-notifications';
import { ChatBroadcasts, ConversationView, MessageView } from './chat-broadcasts';

const CHAT_EVENTS = ['message:created', 'conversation:created', 'conversation:updated'];
const BATCH = 500;

/**
 * Feeds the channels from the event log, on every instance: whatever wrote a message or conversation (REST,
 * the socket, another instance), its committed event is read back here and broadcast to this instance's
 * sockets, so there is one write path and nothing to publish by hand. Each account's cursor only moves
 * forward over events that are visible in order (see RECORD_EVENT_SQL), and after the LISTEN connection
 * comes back every account that moved meanwhile is caught up: broadcasts are never lost to a reconnect.
 */
@Injectable()
export class ChatEventRelay implements OnModuleInit {
  private readonly logger = new Logger('ChatEventRelay');
  private readonly cursors = new Map<string, number>();
  /** The highest cursor each account was notified of, and the accounts being read now. */
  private readonly targets = new Map<string, number>();
  private readonly reading = new Set<string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: EventNotifications,
    private readonly chat: ChatBroadcasts,
  ) {}

  async onModuleInit(): Promise<void> {
    // Where every account is now; anything committed before the listener is up comes with its first resume.
    for (const { account_id, seq } of await this.heads()) this.cursors.set(account_id, seq);
    this.notifications.subscribe((accountId, seq) => {
      if (accountId === '*') void this.resume();
      else this.advance(accountId, seq);
    });
  }

  private async resume(): Promise<void> {
    try {
      for (const { account_id, seq } of await this.heads()) this.advance(account_id, seq);
    } catch (error) {
      this.logger.warn(`cannot catch up: ${(error as Error).message}`);
    }
  }

  /**
   * Reads and broadcasts the account's chat events up to `target`, one reader per account: while it reads,
   * later notifications only raise its target, so a burst of writes costs one read, not one per event.
   */
  private advance(accountId: string, target: number): void {
    if (target <= (this.cursors.get(accountId) ?? 0)) return;
    this.targets.set(accountId, Math.max(target, this.targets.get(accountId) ?? 0));
    if (this.reading.has(accountId)) return;
    this.reading.add(accountId);
    void this.catchUp(accountId)
      .catch((error: Error) => this.logger.warn(`broadcasts of ${accountId} delayed: ${error.message}`))
      .finally(() => this.reading.delete(accountId));
  }

  private async catchUp(accountId: string): Promise<void> {
    let cursor = this.cursors.get(accountId) ?? 0;
    for (let target = this.targets.get(accountId)!; cursor < target; target = this.targets.get(accountId)!) {
      const rows = await this.db.query<{ seq: string; type: string; payload: unknown }[]>(
        `SELECT seq, type, payload FROM events
         WHERE account_id = $1 AND seq > $2 AND seq <= $3 AND type = ANY($4) ORDER BY seq LIMIT ${BATCH}`,
        [accountId, cursor, target, CHAT_EVENTS],
      );
      for (const row of rows) this.broadcast(row.type, row.payload);
      cursor = rows.length === BATCH ? Number(rows[rows.length - 1].seq) : target;
      this.cursors.set(accountId, cursor);
    }
  }

  private broadcast(type: string, payload: unknown): void {
    const local = { local: true };
    if (type === 'message:created') void this.chat.messageCreated(payload as MessageView, local);
    else if (type === 'conversation:created') void this.chat.conversationCreated(payload as ConversationView, local);
    else void this.chat.conversationUpdated(payload as ConversationView, local);
  }

  private heads(): Promise<{ account_id: string; seq: number }[]> {
    return this.db
      .query<{ account_id: string; seq: string }[]>(`SELECT account_id, seq FROM event_cursors`)
      .then((rows) => rows.map((r) => ({ account_id: r.account_id, seq: Number(r.seq) })));
  }
}

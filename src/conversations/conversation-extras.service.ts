import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { forbidden, notFound } from '../common/errors';
import { EventsService } from '../events/events.service';
import { MessagesRepository } from '../messages/messages.repository';
import { toConversationExpandedResponse } from './conversation-expanded.mapper';
import { toConversationResponse } from './conversation.mapper';
import { ConversationsRepository } from './conversations.repository';
import { ShareTokenResponse, UnreadConversationCounts, UnreadCountsResponse } from './dto/conversation-extras.response';
import { ConversationExpandedResponse } from './dto/conversation-expanded.response';
import { ConversationResponse } from './dto/conversation.response';
import { Conversation } from './entities/conversation.entity';
import { loadShareKey, SHARE_TTL_MS, signShareToken, verifyShareToken } from './share-token';

/** The dashboard's folders, counted in one pass over the account's live conversations. */
const UNREAD_SQL = `
SELECT count(*) FILTER (WHERE status = 'open' AND NOT read)::int AS open,
       count(*) FILTER (WHERE status = 'open' AND NOT read AND assignee_id = $2)::int AS assigned,
       count(*) FILTER (WHERE status = 'open' AND NOT read AND priority = 'priority')::int AS priority,
       count(*) FILTER (WHERE status = 'open' AND NOT read)::int AS unread,
       count(*) FILTER (WHERE status = 'open' AND NOT read AND assignee_id IS NULL)::int AS unassigned,
       count(*) FILTER (WHERE status = 'closed' AND NOT read)::int AS closed,
       count(*) FILTER (WHERE status = 'open' AND EXISTS (
         SELECT 1 FROM mentions m WHERE m.conversation_id = c.id AND m.user_id = $2 AND m.seen_at IS NULL))::int AS mentioned
FROM conversations c WHERE account_id = $1 AND archived_at IS NULL`;

const UNREAD_BY_INBOX_SQL = `
SELECT i.id, count(c.id)::int AS n FROM inboxes i
LEFT JOIN conversations c ON c.inbox_id = i.id AND c.account_id = i.account_id
  AND c.status = 'open' AND NOT c.read AND c.archived_at IS NULL
WHERE i.account_id = $1 GROUP BY i.id ORDER BY i.id`;

/** Archive, unread counts and shared links (the conversation routes beyond CRUD). */
@Injectable()
export class ConversationExtrasService {
  private shareKey: Promise<Buffer> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly events: EventsService,
  ) {}

  /** Sets archived_at (now); it leaves the lists and the counts but stays retrievable by id. */
  archive(accountId: string, id: string): Promise<ConversationResponse> {
    return this.db.transaction(async (manager) => {
      const conversation = await manager.findOneBy(Conversation, { id, accountId });
      if (!conversation) throw notFound();
      conversation.archivedAt = new Date();
      const updated = toConversationResponse(await manager.save(conversation));
      await this.events.record(manager, accountId, 'conversation:updated', updated);
      return updated;
    });
  }

  async unread(user: AuthUser): Promise<UnreadCountsResponse> {
    const [[counts], inboxRows] = await Promise.all([
      this.db.query(UNREAD_SQL, [user.accountId, user.userId]) as Promise<UnreadConversationCounts[]>,
      this.db.query(UNREAD_BY_INBOX_SQL, [user.accountId]) as Promise<{ id: string; n: number }[]>,
    ]);
    const inboxes = Object.fromEntries(inboxRows.map((row) => [row.id, row.n]));
    return { conversations: { ...counts }, inboxes, ...counts };
  }

  /** A token for `GET /api/conversations/shared`, signed with the instances' shared key, valid 24 hours. */
  async share(accountId: string, id: string): Promise<ShareTokenResponse> {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id, accountId });
    if (!conversation) throw notFound();
    const token = signShareToken(await this.key(), {
      conversationId: conversation.id,
      accountId,
      customerId: conversation.customerId,
      expiresAt: Date.now() + SHARE_TTL_MS,
    });
    return { ok: true, token };
  }

  /**
   * Public: the conversation the token names (not archived, still of that customer), without its private
   * notes, which are for agents only.
   */
  async shared(conversationId: string, token: string): Promise<ConversationExpandedResponse> {
    const check = verifyShareToken(await this.key(), token, conversationId);
    if (!check.ok) throw forbidden(check.reason === 'expired' ? 'This link has expired' : 'Access denied');
    const { accountId, customerId } = check.claims;
    const conversation = await this.conversations.findWithAssociations(accountId, check.claims.conversationId);
    if (!conversation || conversation.customerId !== customerId || conversation.archivedAt) throw notFound();
    const messages = await this.messages.forConversations([conversation.id]);
    const visible = messages.get(conversation.id)!.filter((m) => !m.private);
    return toConversationExpandedResponse(conversation, visible, conversation.tagLinks ?? []);
  }

  private key(): Promise<Buffer> {
    this.shareKey ??= loadShareKey(this.db.manager).catch((error) => {
      this.shareKey = null;
      throw error;
    });
    return this.shareKey;
  }
}

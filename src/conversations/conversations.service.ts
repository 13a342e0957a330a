import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { Inbox } from '../accounts/entities/inbox.entity';
import { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors';
import { applyDateRange } from '../common/pagination/date-range';
import { containsPattern } from '../common/pagination/like';
import { paginate } from '../common/pagination/paginate';
import { assertInAccount } from '../common/references';
import { toEntityFields } from '../common/serialization/fields';
import { Customer } from '../customers/entities/customer.entity';
import { EventsService } from '../events/events.service';
import { MessagesService } from '../messages/messages.service';
import { ConversationTag } from '../tags/entities/tag-links.entity';
import { User } from '../users/entities/user.entity';
import { toConversationResponse, toExpandedConversationResponse } from './conversation.mapper';
import { CreateConversationParams, UpdateConversationParams } from './dto/conversation.dto';
import { ListConversationsQuery } from './dto/list-conversations.query';
import { Conversation } from './entities/conversation.entity';

const EXACT_FILTERS = ['status', 'priority', 'source', 'customer_id', 'inbox_id', 'read'] as const;

@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    private readonly messages: MessagesService,
    private readonly events: EventsService,
  ) {}

  /** Newest activity first, archived ones hidden; expanded with a constant four queries per page. */
  async list(user: AuthUser, query: ListConversationsQuery) {
    const rows = this.filtered(user, query).leftJoinAndSelect('c.customer', 'customer');
    const page = await paginate(
      rows,
      { column: 'c.lastActivityAt', idColumn: 'c.id', read: (c) => [c.lastActivityAt, c.id] },
      query,
    );
    const ids = page.data.map((c) => c.id);
    const [messages, tags] = await Promise.all([this.messages.forConversations(ids), this.tagsOf(ids)]);
    return page.map((c) =>
      toExpandedConversationResponse(Object.assign(c, { tagLinks: tags.get(c.id) ?? [] }), messages.get(c.id)!),
    );
  }

  /** How many conversations the same filters match (exact, one query). */
  async count(user: AuthUser, query: ListConversationsQuery): Promise<{ count: number }> {
    return { count: await this.filtered(user, query).getCount() };
  }

  private filtered(user: AuthUser, query: ListConversationsQuery) {
    const rows = this.conversations
      .createQueryBuilder('c')
      .where('c.accountId = :accountId AND c.archivedAt IS NULL', { accountId: user.accountId });
    const filters = toEntityFields<Conversation>(Object.fromEntries(EXACT_FILTERS.map((key) => [key, query[key]])));
    for (const [field, value] of Object.entries(filters)) rows.andWhere(`c.${field} = :${field}`, { [field]: value });
    if (query.assignee_id === '') rows.andWhere('c.assigneeId IS NULL');
    else if (query.assignee_id !== undefined) {
      rows.andWhere('c.assigneeId = :assigneeId', {
        assigneeId: query.assignee_id === 'me' ? user.userId : Number(query.assignee_id),
      });
    }
    if (query.tag_id) {
      rows.andWhere(
        'EXISTS (SELECT 1 FROM conversation_tags ct WHERE ct.conversation_id = c.id AND ct.tag_id = :tagId)',
        {
          tagId: query.tag_id,
        },
      );
    }
    if (query.q) {
      // messages_body_trgm_idx serves the ILIKE; the account condition keeps other accounts' messages out.
      rows.andWhere(
        'EXISTS (SELECT 1 FROM messages qm WHERE qm.conversation_id = c.id AND qm.account_id = c.account_id AND qm.body ILIKE :q)',
        { q: containsPattern(query.q) },
      );
    }
    return applyDateRange(rows, 'c', query);
  }

  /** Archived conversations stay retrievable by id, as in Papercups. */
  async findExpanded(accountId: string, id: string) {
    // find(), not findOne(): with joined relations findOne adds a DISTINCT pre-query for its LIMIT 1.
    const [conversation] = await this.conversations.find({
      where: { id, accountId },
      relations: { customer: true, tagLinks: { tag: true } },
    });
    if (!conversation) throw notFound();
    const messages = await this.messages.forConversations([id]);
    return toExpandedConversationResponse(conversation, messages.get(id)!);
  }

  /**
   * The conversation and its optional first message are written together or not at all, with their
   * events: conversation:created, then message:created.
   */
  create(user: AuthUser, params: CreateConversationParams): Promise<Conversation> {
    return this.db.transaction(async (manager) => {
      await this.assertReferences(manager, user.accountId, params);
      const inboxId = params.inbox_id ?? (await this.primaryInboxId(manager, user.accountId));
      const now = new Date();
      const conversation = await manager.save(
        manager.create(Conversation, {
          ...toEntityFields<Conversation>(params, ['message']),
          accountId: user.accountId,
          inboxId,
          lastActivityAt: now,
          closedAt: params.status === 'closed' ? now : null,
        }),
      );
      await this.events.record(manager, user.accountId, 'conversation:created', toConversationResponse(conversation));
      if (params.message) {
        const owner = {
          accountId: user.accountId,
          conversationId: conversation.id,
          userId: user.userId,
          customerId: null,
        };
        await this.messages.recordCreated(manager, await this.messages.insert(manager, owner, params.message));
      }
      return conversation;
    });
  }

  /** Records conversation:updated when a field was sent (Papercups fires it even when nothing changed). */
  update(accountId: string, id: string, params: UpdateConversationParams): Promise<Conversation> {
    return this.db.transaction(async (manager) => {
      const conversation = await manager.findOneBy(Conversation, { id, accountId });
      if (!conversation) throw notFound();
      await this.assertReferences(manager, accountId, params);
      const changes = toEntityFields<Conversation>(params);
      if (changes.status && changes.status !== conversation.status) {
        // Papercups' put_closed_and_last_activity_at: only a real status change moves the clocks.
        const now = new Date();
        Object.assign(changes, { closedAt: changes.status === 'closed' ? now : null, lastActivityAt: now });
      }
      if (!Object.keys(changes).length) return conversation;
      const saved = await manager.save(Object.assign(conversation, changes));
      await this.events.record(manager, accountId, 'conversation:updated', toConversationResponse(saved));
      return saved;
    });
  }

  /** Its messages go with it (ON DELETE CASCADE); only conversation:deleted is recorded. */
  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const conversation = await manager.findOneBy(Conversation, { id, accountId });
      if (!conversation) throw notFound();
      await manager.delete(Conversation, { id, accountId });
      await this.events.record(manager, accountId, 'conversation:deleted', toConversationResponse(conversation));
    });
  }

  private async assertReferences(
    manager: EntityManager,
    accountId: string,
    params: CreateConversationParams | UpdateConversationParams,
  ) {
    if (params.customer_id) await assertInAccount(manager, Customer, accountId, params.customer_id, 'customer_id');
    if (params.assignee_id) await assertInAccount(manager, User, accountId, params.assignee_id, 'assignee_id');
    if (params.inbox_id) await assertInAccount(manager, Inbox, accountId, params.inbox_id, 'inbox_id');
  }

  private async primaryInboxId(manager: EntityManager, accountId: string): Promise<string | null> {
    const inbox = await manager.findOneBy(Inbox, { accountId, isPrimary: true });
    return inbox?.id ?? null;
  }

  private async tagsOf(conversationIds: string[]): Promise<Map<string, ConversationTag[]>> {
    const byConversation = new Map<string, ConversationTag[]>();
    if (!conversationIds.length) return byConversation;
    const links = await this.db.getRepository(ConversationTag).find({
      where: { conversationId: In(conversationIds) },
      relations: { tag: true },
      order: { createdAt: 'ASC' },
    });
    for (const link of links)
      byConversation.set(link.conversationId, [...(byConversation.get(link.conversationId) ?? []), link]);
    return byConversation;
  }
}

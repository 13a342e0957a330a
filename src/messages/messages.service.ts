import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not, Repository, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuthUser } from '../auth/auth-user';
import { invalidFields, notFound, unprocessable } from '../common/errors';
import { applyDateRange } from '../common/pagination/date-range';
import { containsPattern } from '../common/pagination/like';
import { paginate } from '../common/pagination/paginate';
import { assertInAccount } from '../common/references';
import { toEntityFields } from '../common/serialization/fields';
import { toConversationResponse } from '../conversations/conversation.mapper';
import { Conversation } from '../conversations/entities/conversation.entity';
import { Customer } from '../customers/entities/customer.entity';
import { EventsService } from '../events/events.service';
import { CreateMessageParams, MessageContentParams } from './dto/message.dto';
import { ListMessagesQuery } from './dto/list-messages.query';
import { Message } from './entities/message.entity';
import { toMessageResponse } from './message.mapper';

export interface MessageOwner {
  accountId: string;
  conversationId: string;
  userId: number | null;
  customerId: string | null;
}

const RELATIONS = { user: { profile: true }, customer: true } as const;

@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    private readonly events: EventsService,
  ) {}

  /** Newest first, with sender details joined: two queries per page. */
  list(accountId: string, query: ListMessagesQuery) {
    const rows = this.withSenders(this.filtered(accountId, query));
    return paginate(rows, { column: 'm.createdAt', idColumn: 'm.id', read: (m) => [m.createdAt, m.id] }, query);
  }

  /** How many messages the same filters match (exact, one query). */
  async count(accountId: string, query: ListMessagesQuery): Promise<{ count: number }> {
    return { count: await this.filtered(accountId, query).getCount() };
  }

  private filtered(accountId: string, query: ListMessagesQuery) {
    const rows = this.messages.createQueryBuilder('m').where('m.accountId = :accountId', { accountId });
    if (query.conversation_id)
      rows.andWhere('m.conversationId = :conversationId', { conversationId: query.conversation_id });
    if (query.customer_id) rows.andWhere('m.customerId = :customerId', { customerId: query.customer_id });
    if (query.q) rows.andWhere('m.body ILIKE :q', { q: containsPattern(query.q) });
    return applyDateRange(rows, 'm', query);
  }

  /** Messages of many conversations, oldest first, in one query (for expanded conversations). */
  async forConversations(conversationIds: string[]): Promise<Map<string, Message[]>> {
    const byConversation = new Map<string, Message[]>(conversationIds.map((id) => [id, []]));
    if (!conversationIds.length) return byConversation;
    const messages = await this.messages.find({
      where: { conversationId: In(conversationIds) },
      relations: RELATIONS,
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const message of messages) byConversation.get(message.conversationId)?.push(message);
    return byConversation;
  }

  async findOrFail(accountId: string, id: string, manager: EntityManager = this.db.manager): Promise<Message> {
    // find(), not findOne(): with joined relations findOne adds a DISTINCT pre-query for its LIMIT 1.
    const [message] = await manager.find(Message, { where: { id, accountId }, relations: RELATIONS });
    if (!message) throw notFound();
    return message;
  }

  /**
   * Inserts the message and applies Papercups' conversation side effects in one transaction, with the
   * conversation row locked so concurrent replies see each other (exactly one becomes the "first reply").
   * Records message:created, then conversation:updated (its last activity always moves).
   */
  create(user: AuthUser, params: CreateMessageParams): Promise<Message> {
    const fromCustomer = Boolean(params.customer_id);
    if (fromCustomer && params.user_id != null) {
      throw unprocessable('A message should not have both a `user_id` and `customer_id`');
    }
    return this.db.transaction(async (manager) => {
      const conversation = await manager
        .createQueryBuilder(Conversation, 'c')
        .setLock('pessimistic_write')
        .where({ id: params.conversation_id, accountId: user.accountId })
        .getOne();
      if (!conversation) throw invalidFields({ conversation_id: ['does not exist'] });
      if (fromCustomer) await assertInAccount(manager, Customer, user.accountId, params.customer_id!, 'customer_id');
      const userId = fromCustomer ? null : user.userId;
      const firstReply =
        userId !== null &&
        !(await manager.existsBy(Message, { conversationId: conversation.id, userId: Not(IsNull()) }));

      const message = await this.insert(
        manager,
        { accountId: user.accountId, conversationId: conversation.id, userId, customerId: params.customer_id ?? null },
        params,
      );
      const changes: Partial<Conversation> = {
        lastActivityAt: message.createdAt,
        ...(message.type === 'bot'
          ? { read: false }
          : fromCustomer
            ? { read: false, status: 'open' as const, closedAt: null }
            : { read: true }),
        ...(firstReply ? { assigneeId: userId, firstRepliedAt: message.createdAt } : {}),
      };
      await manager.update(Conversation, { id: conversation.id }, changes as QueryDeepPartialEntity<Conversation>);
      const created = await this.recordCreated(manager, message);
      // The locked row plus these changes is the row as updated: no need to read it back.
      const updated = Object.assign(conversation, changes);
      await this.events.record(manager, user.accountId, 'conversation:updated', toConversationResponse(updated));
      return created;
    });
  }

  /** message:created with the expanded view (sender loaded); returns that message. */
  async recordCreated(manager: EntityManager, message: Message): Promise<Message> {
    const created = await this.findOrFail(message.accountId, message.id, manager);
    // Papercups' opt-out: such a message is in the log but queues no webhook deliveries.
    const webhooks = created.metadata?.disable_webhook_events !== true;
    await this.events.record(manager, message.accountId, 'message:created', toMessageResponse(created), { webhooks });
    return created;
  }

  /** The bare insert, also used for a conversation's initial message (which has no side effects). */
  insert(manager: EntityManager, owner: MessageOwner, params: MessageContentParams): Promise<Message> {
    const content = toEntityFields<Message>(params, ['conversation_id', 'customer_id', 'user_id']);
    return manager.save(manager.create(Message, { ...content, ...owner }));
  }

  update(accountId: string, id: string, params: MessageContentParams): Promise<Message> {
    return this.db.transaction(async (manager) => {
      const existing = await this.findOrFail(accountId, id, manager);
      const fields = toEntityFields<Message>(params);
      if (!Object.keys(fields).length) return existing;
      await manager.update(Message, { id, accountId }, fields as QueryDeepPartialEntity<Message>);
      const updated = await this.findOrFail(accountId, id, manager);
      await this.events.record(manager, accountId, 'message:updated', toMessageResponse(updated));
      return updated;
    });
  }

  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const message = await this.findOrFail(accountId, id, manager);
      await manager.delete(Message, { id, accountId });
      await this.events.record(manager, accountId, 'message:deleted', toMessageResponse(message));
    });
  }

  private withSenders(query: SelectQueryBuilder<Message>) {
    return query
      .leftJoinAndSelect('m.user', 'user')
      .leftJoinAndSelect('user.profile', 'profile')
      .leftJoinAndSelect('m.customer', 'customer');
  }
}

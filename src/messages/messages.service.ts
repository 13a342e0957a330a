import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CountResponse } from '../common/dto/ok.response';
import { AuthUser } from '../auth/auth-user';
import { invalidFields, notFound, unprocessable } from '../common/errors';
import { Page } from '../common/pagination/page';
import { updateColumns } from '../common/queries/update-columns';
import { assertInAccount } from '../common/references';
import { toColumns } from '../common/validation/record-fields';
import { toConversationResponse } from '../conversations/conversation.mapper';
import { Conversation } from '../conversations/entities/conversation.entity';
import { Customer } from '../customers/entities/customer.entity';
import { assertIfMatch } from '../conditional-requests/if-match';
import { EventsService } from '../events/events.service';
import { addMentions } from '../mentions/mentions';
import { attachFiles } from '../uploads/message-files';
import { CreateMessageFields, MESSAGE_COLUMNS, MessageContentFields } from './dto/message.dto';
import { MessageResponse } from './dto/message.response';
import { ListMessagesQuery } from './dto/list-messages.query';
import { Message } from './entities/message.entity';
import { insertRow } from '../common/queries/insert-row';
import { toMessageResponse } from './message.mapper';
import { MessagesRepository } from './messages.repository';

export interface MessageOwner {
  accountId: string;
  conversationId: string;
  userId: number | null;
  customerId: string | null;
}

@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessagesRepository,
    private readonly events: EventsService,
  ) {}

  async list(accountId: string, query: ListMessagesQuery): Promise<Page<MessageResponse>> {
    return (await this.messages.page(accountId, query)).map(toMessageResponse);
  }

  async count(accountId: string, query: ListMessagesQuery): Promise<CountResponse> {
    return { count: await this.messages.count(accountId, query) };
  }

  async get(accountId: string, id: string): Promise<MessageResponse> {
    return toMessageResponse(await this.findOrFail(accountId, id));
  }

  /**
   * Inserts the message and applies Papercups' conversation side effects in one transaction, with the
   * conversation row locked so concurrent replies see each other (exactly one becomes the "first reply").
   * Records message:created, then conversation:updated (its last activity always moves).
   */
  create(user: AuthUser, fields: CreateMessageFields): Promise<MessageResponse> {
    const fromCustomer = Boolean(fields.customer_id);
    if (fromCustomer && fields.user_id != null) {
      throw unprocessable('A message should not have both a `user_id` and `customer_id`');
    }

    return this.db.transaction(async (manager) => {
      const conversation = await this.messages.lockConversation(manager, user.accountId, fields.conversation_id);
      if (!conversation) throw invalidFields({ conversation_id: ['does not exist'] });
      if (fromCustomer) await assertInAccount(manager, Customer, user.accountId, fields.customer_id!, 'customer_id');
      const userId = fromCustomer ? null : user.userId;
      const firstReply = userId !== null && !(await this.messages.hasAgentReply(manager, conversation.id));

      const message = await this.insert(
        manager,
        { accountId: user.accountId, conversationId: conversation.id, userId, customerId: fields.customer_id ?? null },
        fields,
      );
      await addMentions(manager, message, fields.mentioned_user_ids);
      const changes = {
        lastActivityAt: message.createdAt,
        ...(message.type === 'bot'
          ? { read: false }
          : fromCustomer
            ? { read: false, status: 'open' as const, closedAt: null }
            : { read: true }),
        ...(firstReply ? { assigneeId: userId, firstRepliedAt: message.createdAt } : {}),
      } satisfies Partial<Conversation>;
      await manager.update(Conversation, { id: conversation.id }, changes);
      const created = await this.recordCreated(manager, message);
      // The locked row plus these changes is the row as updated: no need to read it back.
      const updated = Object.assign(conversation, changes);
      await this.events.record(manager, user.accountId, 'conversation:updated', toConversationResponse(updated));
      return created;
    });
  }

  /** message:created with the expanded view (sender loaded); returns that view. */
  async recordCreated(manager: EntityManager, message: Message): Promise<MessageResponse> {
    const created = toMessageResponse(await this.findOrFail(message.accountId, message.id, manager));
    // Papercups' opt-out: such a message is in the log but queues no webhook deliveries.
    const webhooks = created.metadata?.disable_webhook_events !== true;
    await this.events.record(manager, message.accountId, 'message:created', created, { webhooks });
    return created;
  }

  /** The bare insert, also used for a conversation's initial message (which has no side effects). */
  async insert(
    manager: EntityManager,
    owner: MessageOwner,
    fields: Partial<MessageContentFields> & { file_ids?: string[] },
  ): Promise<Message> {
    const message = await insertRow(manager, Message, { ...toColumns(fields, MESSAGE_COLUMNS), ...owner });
    if (fields.file_ids?.length) await attachFiles(manager, owner.accountId, message.id, fields.file_ids);
    return message;
  }

  update(accountId: string, id: string, fields: MessageContentFields): Promise<MessageResponse> {
    return this.db.transaction(async (manager) => {
      await this.assertIfMatch(manager, accountId, id);
      const existing = await this.findOrFail(accountId, id, manager);
      const changes = toColumns(fields, MESSAGE_COLUMNS);
      if (!Object.keys(changes).length) return toMessageResponse(existing);
      await updateColumns(manager, Message, { id, accountId }, changes);
      const updated = toMessageResponse(await this.findOrFail(accountId, id, manager));
      await this.events.record(manager, accountId, 'message:updated', updated);
      return updated;
    });
  }

  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      await this.assertIfMatch(manager, accountId, id);
      const message = await this.findOrFail(accountId, id, manager);
      await manager.delete(Message, { id, accountId });
      await this.events.record(manager, accountId, 'message:deleted', toMessageResponse(message));
    });
  }

  private assertIfMatch(manager: EntityManager, accountId: string, id: string): Promise<void> {
    return assertIfMatch(manager, Message, { id, accountId }, async () =>
      toMessageResponse(await this.findOrFail(accountId, id, manager)),
    );
  }

  private async findOrFail(accountId: string, id: string, manager?: EntityManager): Promise<Message> {
    const message = await this.messages.findWithSender(accountId, id, manager);
    if (!message) throw notFound();
    return message;
  }
}

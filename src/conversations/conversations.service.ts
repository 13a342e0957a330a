import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Inbox } from '../accounts/entities/inbox.entity';
import { CountResponse } from '../common/dto/ok.response';
import { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors';
import { Page } from '../common/pagination/page';
import { assertInAccount } from '../common/references';
import { toColumns } from '../common/validation/record-fields';
import { Customer } from '../customers/entities/customer.entity';
import { assertIfMatch } from '../conditional-requests/if-match';
import { EventsService } from '../events/events.service';
import { markMentionsSeen } from '../mentions/mentions';
import { MessagesRepository } from '../messages/messages.repository';
import { MessagesService } from '../messages/messages.service';
import { User } from '../users/entities/user.entity';
import { toConversationExpandedResponse } from './conversation-expanded.mapper';
import { toConversationResponse } from './conversation.mapper';
import { ConversationsRepository } from './conversations.repository';
import { ConversationExpandedResponse } from './dto/conversation-expanded.response';
import { ConversationResponse } from './dto/conversation.response';
import { CONVERSATION_COLUMNS, CreateConversationFields, UpdateConversationFields } from './dto/conversation.dto';
import { ListConversationsQuery } from './dto/list-conversations.query';
import { Conversation } from './entities/conversation.entity';
import { insertRow } from '../common/queries/insert-row';

@Injectable()
export class ConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly messageRows: MessagesRepository,
    private readonly messages: MessagesService,
    private readonly events: EventsService,
  ) {}

  /** Newest activity first, archived ones hidden; expanded with a constant five queries per page. */
  async list(user: AuthUser, query: ListConversationsQuery): Promise<Page<ConversationExpandedResponse>> {
    const page = await this.conversations.page(user.accountId, user.userId, query);
    const ids = page.data.map((c) => c.id);
    const [messages, tags, mentions] = await Promise.all([
      this.messageRows.forConversations(ids),
      this.conversations.tagsOf(ids),
      this.conversations.mentionsOf(ids),
    ]);
    return page.map((c) =>
      toConversationExpandedResponse(c, messages.get(c.id)!, tags.get(c.id)!, mentions.get(c.id)!),
    );
  }

  /** The customer's previous conversation (created before this one, live), or null; as `GET /conversations/:id`. */
  async previous(accountId: string, id: string): Promise<ConversationExpandedResponse | null> {
    const [previous] = await this.othersOfCustomer(accountId, id, 1, true);
    return previous ?? null;
  }

  /** The customer's other live conversations, most recent activity first (`limit`, 3 by default as in Papercups). */
  related(accountId: string, id: string, limit: number): Promise<ConversationExpandedResponse[]> {
    return this.othersOfCustomer(accountId, id, limit, false);
  }

  private async othersOfCustomer(accountId: string, id: string, limit: number, earlier: boolean) {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id, accountId });
    if (!conversation) throw notFound();
    const others = await this.conversations.othersOfCustomer(
      conversation,
      limit,
      earlier ? conversation.createdAt : undefined,
    );
    const ids = others.map((c) => c.id);
    const [messages, tags, mentions] = await Promise.all([
      this.messageRows.forConversations(ids),
      this.conversations.tagsOf(ids),
      this.conversations.mentionsOf(ids),
    ]);
    return others.map((c) =>
      toConversationExpandedResponse(c, messages.get(c.id)!, tags.get(c.id)!, mentions.get(c.id)!),
    );
  }

  /** How many conversations the same filters match (exact, one query). */
  async count(user: AuthUser, query: ListConversationsQuery): Promise<CountResponse> {
    return { count: await this.conversations.count(user.accountId, user.userId, query) };
  }

  /** Archived conversations stay retrievable by id, as in Papercups. */
  async get(accountId: string, id: string, manager?: EntityManager): Promise<ConversationExpandedResponse> {
    const conversation = await this.conversations.findWithAssociations(accountId, id, manager);
    if (!conversation) throw notFound();
    const [messages, mentions] = await Promise.all([
      this.messageRows.forConversations([id], manager),
      this.conversations.mentionsOf([id], manager),
    ]);
    return toConversationExpandedResponse(
      conversation,
      messages.get(id)!,
      conversation.tagLinks ?? [],
      mentions.get(id)!,
    );
  }

  /**
   * The conversation and its optional first message are written together or not at all, with their
   * events: conversation:created, then message:created.
   */
  create(user: AuthUser, fields: CreateConversationFields): Promise<ConversationResponse> {
    return this.db.transaction(async (manager) => {
      await this.assertReferences(manager, user.accountId, fields);
      const inboxId = fields.inbox_id ?? (await this.primaryInboxId(manager, user.accountId));
      const now = new Date();
      const conversation = await insertRow(manager, Conversation, {
        ...toColumns(fields, CONVERSATION_COLUMNS),
        accountId: user.accountId,
        inboxId,
        lastActivityAt: now,
        closedAt: fields.status === 'closed' ? now : null,
      });
      const created = toConversationResponse(conversation);
      await this.events.record(manager, user.accountId, 'conversation:created', created);
      if (fields.message) {
        const owner = {
          accountId: user.accountId,
          conversationId: conversation.id,
          userId: user.userId,
          customerId: null,
        };
        await this.messages.recordCreated(manager, await this.messages.insert(manager, owner, fields.message));
      }
      return created;
    });
  }

  /** Records conversation:updated when a field was sent (Papercups fires it even when nothing changed). */
  /** `read: true` from a user (`readerId`) also marks their mentions in it seen. */
  update(
    accountId: string,
    id: string,
    fields: UpdateConversationFields,
    readerId?: number,
  ): Promise<ConversationResponse> {
    return this.db.transaction(async (manager) => {
      await assertIfMatch(manager, Conversation, { id, accountId }, () => this.get(accountId, id, manager));
      const conversation = await manager.findOneBy(Conversation, { id, accountId });
      if (!conversation) throw notFound();
      await this.assertReferences(manager, accountId, fields);
      const changes = toColumns(fields, CONVERSATION_COLUMNS);
      if (fields.read === true && readerId !== undefined) await markMentionsSeen(manager, id, readerId);
      if (changes.status && changes.status !== conversation.status) {
        // Papercups' put_closed_and_last_activity_at: only a real status change moves the clocks.
        const now = new Date();
        Object.assign(changes, { closedAt: changes.status === 'closed' ? now : null, lastActivityAt: now });
      }
      if (!Object.keys(changes).length) return toConversationResponse(conversation);
      const updated = toConversationResponse(await manager.save(Object.assign(conversation, changes)));
      await this.events.record(manager, accountId, 'conversation:updated', updated);
      return updated;
    });
  }

  /** Its messages go with it (ON DELETE CASCADE); only conversation:deleted is recorded. */
  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      await assertIfMatch(manager, Conversation, { id, accountId }, () => this.get(accountId, id, manager));
      const conversation = await manager.findOneBy(Conversation, { id, accountId });
      if (!conversation) throw notFound();
      await manager.delete(Conversation, { id, accountId });
      await this.events.record(manager, accountId, 'conversation:deleted', toConversationResponse(conversation));
    });
  }

  private async assertReferences(
    manager: EntityManager,
    accountId: string,
    fields: CreateConversationFields | UpdateConversationFields,
  ) {
    if (fields.customer_id) await assertInAccount(manager, Customer, accountId, fields.customer_id, 'customer_id');
    if (fields.assignee_id) await assertInAccount(manager, User, accountId, fields.assignee_id, 'assignee_id');
    if (fields.inbox_id) await assertInAccount(manager, Inbox, accountId, fields.inbox_id, 'inbox_id');
  }

  private async primaryInboxId(manager: EntityManager, accountId: string): Promise<string | null> {
    const inbox = await manager.findOneBy(Inbox, { accountId, isPrimary: true });
    return inbox?.id ?? null;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource, IsNull } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { unprocessable } from '../common/errors';
import { toConversationExpandedResponse } from '../conversations/conversation-expanded.mapper';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationExpandedResponse } from '../conversations/dto/conversation-expanded.response';
import { ConversationResponse } from '../conversations/dto/conversation.response';
import { Conversation } from '../conversations/entities/conversation.entity';
import { MessagesRepository } from '../messages/messages.repository';
import { VisitorConversationFields, VisitorConversationsQuery } from './dto/visitor.dto';
import { asUuid, isUnset, VisitorAccess } from './visitor-access';
import { visitorCaller } from './visitor-caller';

/** Papercups' @customer_conversations_limit. */
const CUSTOMER_CONVERSATIONS = 3;

/** The widget's conversation routes, through ConversationsService (conversation:created and its broadcasts). */
@Injectable()
export class VisitorConversationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: VisitorAccess,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesRepository,
  ) {}

  /** A visitor's chat conversation: open, source `chat`, for a customer of the account; an agent's REST create. */
  async create(
    agent: AuthUser | undefined,
    fields: VisitorConversationFields,
    request: FastifyRequest,
  ): Promise<ConversationResponse> {
    if (agent) {
      const { account_id: _account, ...rest } = fields;
      return this.conversations.create(agent, rest);
    }
    const { accountId } = await this.access.account(fields.account_id, request, { write: true });
    await this.access.customer(fields.customer_id, accountId);
    return this.conversations.create(visitorCaller(accountId), {
      customer_id: fields.customer_id,
      ...(fields.inbox_id ? { inbox_id: fields.inbox_id } : {}),
      source: 'chat',
      status: 'open',
    });
  }

  /** The customer's latest open chat conversations (at most 3), newest first, without private messages. */
  async ofCustomer(query: VisitorConversationsQuery, request: FastifyRequest): Promise<ConversationExpandedResponse[]> {
    if (isUnset(query.customer_id) || isUnset(query.account_id)) {
      throw unprocessable('The following parameters are required: customer_id, account_id');
    }
    const { accountId } = await this.access.account(query.account_id, request);
    const customer = await this.access.customer(query.customer_id, accountId);
    const inboxId = isUnset(query.inbox_id) ? undefined : asUuid(query.inbox_id);
    if (inboxId === null) return [];
    const found = await this.db.manager.find(Conversation, {
      where: {
        accountId,
        customerId: customer.id,
        source: 'chat',
        status: 'open',
        archivedAt: IsNull(),
        ...(inboxId ? { inboxId } : {}),
      },
      relations: { customer: true },
      order: { createdAt: 'DESC' },
      take: CUSTOMER_CONVERSATIONS,
    });
    const messages = await this.messages.forConversations(found.map((c) => c.id));
    return found.map((c) =>
      toConversationExpandedResponse(
        c,
        messages.get(c.id)!.filter((m) => !m.private),
        [],
      ),
    );
  }
}

import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { ConversationsService } from '../conversations/conversations.service';
import { CreateMessageFields } from '../messages/dto/message.dto';
import { Message } from '../messages/entities/message.entity';
import { MessagesService } from '../messages/messages.service';
import type { ChatWrites, WriteResult } from '../realtime/chat-writes';
import { visitorCaller } from './visitor-caller';

const pipe = createValidationPipe();

/** The payload fields each sender may set; ids come from the join (visitor) or are checked (agent). */
const VISITOR_FIELDS = ['body', 'sent_at', 'file_ids', 'metadata'] as const;
const AGENT_FIELDS = [
  'body',
  'sent_at',
  'file_ids',
  'metadata',
  'private',
  'type',
  'conversation_id',
  'mentioned_user_ids',
] as const;

const only = (payload: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => payload[k] !== undefined).map((k) => [k, payload[k]]));

/**
 * The socket's writes (CHAT_WRITES), through the REST API's own services and validation: the message and
 * its events commit together, and the event log then feeds webhooks, the SSE stream and the channels
 * (ChatEventRelay), exactly as for a REST write. Expected failures come back as the REST error body.
 */
@Injectable()
export class WidgetWrites implements ChatWrites {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
  ) {}

  createVisitorMessage(input: {
    accountId: string;
    conversationId: string;
    customerId: string;
    payload: Record<string, unknown>;
  }): Promise<WriteResult> {
    return attempt(async () => {
      const fields = await validated({
        ...only(input.payload, VISITOR_FIELDS),
        conversation_id: input.conversationId,
        customer_id: input.customerId,
        source: 'chat',
      });
      await this.messages.create(visitorCaller(input.accountId), fields);
    });
  }

  createAgentMessage(input: { agent: AuthUser; payload: Record<string, unknown> }): Promise<WriteResult> {
    return attempt(async () => {
      const fields = await validated({ ...only(input.payload, AGENT_FIELDS), source: 'chat' });
      await this.messages.create(input.agent, fields);
    });
  }

  /** Papercups' mark_agent_messages_as_seen: no event, as there. */
  markAgentMessagesSeen(input: { accountId: string; conversationId: string }): Promise<WriteResult> {
    return attempt(async () => {
      await this.db.manager.update(
        Message,
        { accountId: input.accountId, conversationId: input.conversationId, userId: Not(IsNull()), seenAt: IsNull() },
        { seenAt: new Date() },
      );
    });
  }

  markConversationRead(input: { agent: AuthUser; conversationId: string }): Promise<WriteResult> {
    return attempt(async () => {
      // The reader's mentions in it are seen too (Papercups' mark_mentions_seen).
      await this.conversations.update(input.agent.accountId, input.conversationId, { read: true }, input.agent.userId);
    });
  }
}

async function validated(value: Record<string, unknown>): Promise<CreateMessageFields> {
  return (await pipe.transform(value, { type: 'body', metatype: CreateMessageFields })) as CreateMessageFields;
}

async function attempt(write: () => Promise<void>): Promise<WriteResult> {
  try {
    await write();
    return { ok: true };
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() < 500) {
      const body = error.getResponse();
      return { error: { status: error.getStatus(), ...(typeof body === 'object' ? body : { message: body }) } };
    }
    throw error;
  }
}

import { Injectable } from '@nestjs/common';
import { Realtime } from './realtime.service';

/** The fields the topics are derived from; the rest of the API view travels as it is. */
export interface MessageView {
  account_id: string;
  conversation_id: string;
  private?: boolean | null;
  [field: string]: unknown;
}

export interface ConversationView {
  id: string;
  account_id: string;
  customer_id: string;
  [field: string]: unknown;
}

/**
 * What Papercups broadcasts when chat data changes (Messages.Notification / Conversations.Notification).
 * The write path calls these after its transaction commits, whatever the change came through (REST, the
 * socket, an import), with the resource's API view: a message as in `GET /api/messages/:id` (user, customer,
 * attachments expanded), a conversation as in the REST create/update responses.
 */
@Injectable()
export class ChatBroadcasts {
  constructor(private readonly realtime: Realtime) {}

  /**
   * `shout` to the visitor's `conversation:<id>` (not for private messages) and to the agents'
   * `notification:<account_id>` (broadcast_to_customer! + broadcast_to_admin!).
   */
  async messageCreated(message: MessageView): Promise<void> {
    if (!message.private) await this.realtime.broadcast(`conversation:${message.conversation_id}`, 'shout', message);
    await this.realtime.broadcast(`notification:${message.account_id}`, 'shout', message);
  }

  /** `conversation:created` `{id}` to the agents and to the customer's `conversation:lobby:<customer_id>`. */
  async conversationCreated(conversation: ConversationView): Promise<void> {
    const created = { id: conversation.id };
    await this.realtime.broadcast(`notification:${conversation.account_id}`, 'conversation:created', created);
    await this.realtime.broadcast(`conversation:lobby:${conversation.customer_id}`, 'conversation:created', created);
  }

  /** `conversation:updated` `{id, updates}` to the agents; `updates` is the whole conversation view. */
  async conversationUpdated(conversation: ConversationView): Promise<void> {
    await this.realtime.broadcast(`notification:${conversation.account_id}`, 'conversation:updated', {
      id: conversation.id,
      updates: conversation,
    });
  }
}

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
export interface BroadcastOptions {
  /** This instance's sockets only (ChatEventRelay runs on every instance, so it never needs the bus). */
  local?: boolean;
}

/** What visitors see of the agent who wrote: everything but the agent's email address. */
const forVisitors = (message: MessageView): MessageView => {
  const user = message.user as Record<string, unknown> | null | undefined;
  if (!user || typeof user !== 'object') return message;
  const { email: _email, ...rest } = user;
  return { ...message, user: rest };
};

@Injectable()
export class ChatBroadcasts {
  constructor(private readonly realtime: Realtime) {}

  private send(topic: string, event: string, payload: unknown, { local }: BroadcastOptions): Promise<void> {
    if (!local) return this.realtime.broadcast(topic, event, payload);
    this.realtime.broadcastLocally(topic, event, payload);
    return Promise.resolve();
  }

  /**
   * `shout` to the visitor's `conversation:<id>` (not for private messages) and to the agents'
   * `notification:<account_id>` (broadcast_to_customer! + broadcast_to_admin!).
   */
  async messageCreated(message: MessageView, options: BroadcastOptions = {}): Promise<void> {
    if (!message.private) {
      await this.send(`conversation:${message.conversation_id}`, 'shout', forVisitors(message), options);
    }
    await this.send(`notification:${message.account_id}`, 'shout', message, options);
  }

  /** `conversation:created` `{id}` to the agents and to the customer's `conversation:lobby:<customer_id>`. */
  async conversationCreated(conversation: ConversationView, options: BroadcastOptions = {}): Promise<void> {
    const created = { id: conversation.id };
    await this.send(`notification:${conversation.account_id}`, 'conversation:created', created, options);
    await this.send(`conversation:lobby:${conversation.customer_id}`, 'conversation:created', created, options);
  }

  /** `conversation:updated` `{id, updates}` to the agents; `updates` is the whole conversation view. */
  async conversationUpdated(conversation: ConversationView, options: BroadcastOptions = {}): Promise<void> {
    const updated = { id: conversation.id, updates: conversation };
    await this.send(`notification:${conversation.account_id}`, 'conversation:updated', updated, options);
  }
}

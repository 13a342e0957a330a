import { Injectable } from '@nestjs/common';
import { onlineAt } from '../presence/presence-state';
import { ChannelHandler, ChannelSession, denied, isUuid, joined, Reply, SocketContext, uuidAfter } from './channel';
import { ConversationRef, RealtimeAccess } from './realtime-access.service';
import { ChatWritesLocator } from './write-reply';

const PREFIX = 'conversation:';

interface State {
  conversation: ConversationRef;
  /** The visitor that joined (payload `customer_id`); null for an agent watching the conversation. */
  customerId: string | null;
}

/**
 * `conversation:<id>`: one conversation, live. Unlike Papercups (anyone who knows the id may join and post),
 * a visitor joins only with `{customer_id}` of the conversation's own customer; an agent socket of the
 * account may join without one. The visitor is tracked as `customer:<id>` here and on the account's
 * `notification:` topic (agents see who is online). `shout` posts a message, `messages:seen` marks the
 * agents' messages seen; replies and broadcasts come back as `shout`.
 */
@Injectable()
export class ConversationChannel implements ChannelHandler<State> {
  readonly pattern = `${PREFIX}*`;
  readonly events = ['shout', 'messages:seen'];

  constructor(
    private readonly access: RealtimeAccess,
    private readonly writes: ChatWritesLocator,
  ) {}

  async join(topic: string, payload: Record<string, unknown>, socket: SocketContext) {
    const id = uuidAfter(topic, PREFIX);
    const conversation = id && (await this.access.conversation(id));
    if (!conversation || !RealtimeAccess.sameAccount(socket, conversation.accountId)) return denied('unauthorized');
    if (!(await this.access.originAllowed(socket, conversation.accountId))) return denied('unauthorized');
    const claimed = payload.customer_id;
    if (claimed !== undefined && claimed !== null) {
      if (!isUuid(claimed) || claimed.toLowerCase() !== conversation.customerId) return denied('unauthorized');
      return joined<State>({ conversation, customerId: conversation.customerId });
    }
    return socket.agent ? joined<State>({ conversation, customerId: null }) : denied('unauthorized');
  }

  async afterJoin(session: ChannelSession<State>): Promise<void> {
    const { conversation, customerId } = session.state;
    if (!customerId) return;
    const key = `customer:${customerId}`;
    const meta = { online_at: onlineAt(), customer_id: customerId };
    session.track(session.topic, key, meta);
    session.track(`notification:${conversation.accountId}`, key, meta);
    await session.pushPresenceState();
  }

  async handleIn(event: string, payload: Record<string, unknown>, session: ChannelSession<State>) {
    const { conversation, customerId } = session.state;
    switch (event) {
      case 'shout':
        return this.shout(payload, session.socket, conversation, customerId);
      case 'messages:seen':
        return this.writes.reply((w) =>
          w.markAgentMessagesSeen({ accountId: conversation.accountId, conversationId: conversation.id }),
        );
      default:
        return undefined;
    }
  }

  private shout(
    payload: Record<string, unknown>,
    socket: SocketContext,
    conversation: ConversationRef,
    customerId: string | null,
  ): Promise<Reply> {
    if (customerId) {
      return this.writes.reply((w) =>
        w.createVisitorMessage({
          accountId: conversation.accountId,
          conversationId: conversation.id,
          customerId,
          payload,
        }),
      );
    }
    return this.writes.reply((w) =>
      w.createAgentMessage({ agent: socket.agent!, payload: { ...payload, conversation_id: conversation.id } }),
    );
  }
}

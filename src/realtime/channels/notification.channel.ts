import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../auth/auth-user';
import { onlineAt } from '../presence/presence-state';
import { ChannelHandler, ChannelSession, denied, isUuid, joined, refused, SocketContext, uuidAfter } from './channel';
import { RealtimeAccess } from './realtime-access.service';
import { ChatWritesLocator } from './write-reply';

const PREFIX = 'notification:';

/**
 * `notification:<account_id>`: the agents' dashboard feed. Only a socket connected with a valid session
 * token (`token` param) of that account joins, checked again at join. The agent is tracked as `user:<id>`
 * (metas `{online_at, user_id}`) here and on `room:<account_id>` (the widget's agent availability); visitors
 * in conversations are tracked here as `customer:<id>`. Receives `shout` (every new message of the account),
 * `conversation:created` and `conversation:updated`; `shout` sends a reply, `read` marks a conversation read.
 */
@Injectable()
export class NotificationChannel implements ChannelHandler<{ agent: AuthUser }> {
  readonly pattern = `${PREFIX}*`;
  readonly events = ['shout', 'read'];

  constructor(
    private readonly access: RealtimeAccess,
    private readonly writes: ChatWritesLocator,
  ) {}

  async join(topic: string, _payload: Record<string, unknown>, socket: SocketContext) {
    const accountId = uuidAfter(topic, PREFIX);
    const agent = accountId && (await this.access.currentAgent(socket));
    if (!agent || agent.accountId !== accountId) return denied('Unauthorized');
    return joined({ agent });
  }

  async afterJoin(session: ChannelSession<{ agent: AuthUser }>): Promise<void> {
    const { agent } = session.state;
    const key = `user:${agent.userId}`;
    const meta = { online_at: onlineAt(), user_id: agent.userId };
    session.track(session.topic, key, meta);
    await session.pushPresenceState();
    session.track(`room:${agent.accountId}`, key, meta);
  }

  async handleIn(event: string, payload: Record<string, unknown>, session: ChannelSession<{ agent: AuthUser }>) {
    const { agent } = session.state;
    switch (event) {
      case 'shout':
        return this.writes.reply((w) => w.createAgentMessage({ agent, payload }));
      case 'read': {
        const conversationId = payload.conversation_id;
        if (!isUuid(conversationId)) return refused('conversation_id must be a conversation id');
        return this.writes.reply((w) =>
          w.markConversationRead({ agent, conversationId: conversationId.toLowerCase() }),
        );
      }
      default:
        return undefined;
    }
  }
}

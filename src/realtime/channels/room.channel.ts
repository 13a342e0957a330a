import { Injectable } from '@nestjs/common';
import { ChannelHandler, ChannelSession, denied, joined, SocketContext, uuidAfter } from './channel';
import { RealtimeAccess } from './realtime-access.service';

const PREFIX = 'room:';

/**
 * `room:<account_id>`: the widget's view of agent availability. Agents are tracked here (key `user:<id>`,
 * metas `{online_at, user_id}`) by their notification channel; joining only receives `presence_state` and
 * then `presence_diff`s. Open to visitors, as in Papercups, but only for an account that exists and matches
 * the socket's `account_id` param when it has one.
 */
@Injectable()
export class RoomChannel implements ChannelHandler<{ accountId: string }> {
  readonly pattern = `${PREFIX}*`;

  constructor(private readonly access: RealtimeAccess) {}

  async join(topic: string, _payload: Record<string, unknown>, socket: SocketContext) {
    const accountId = uuidAfter(topic, PREFIX);
    if (
      !accountId ||
      !RealtimeAccess.sameAccount(socket, accountId) ||
      !(await this.access.accountExists(accountId)) ||
      !(await this.access.originAllowed(socket, accountId))
    ) {
      return denied('unauthorized');
    }
    return joined({ accountId });
  }

  async afterJoin(session: ChannelSession): Promise<void> {
    await session.pushPresenceState();
  }
}

import { Injectable } from '@nestjs/common';
import { ChannelHandler, denied, joined, SocketContext, uuidAfter } from './channel';
import { RealtimeAccess } from './realtime-access.service';

const PREFIX = 'conversation:lobby:';

/**
 * `conversation:lobby:<customer_id>`: a visitor without a conversation waits here for
 * `conversation:created` `{id}` (an agent started one). The customer must exist, in the socket's account.
 */
@Injectable()
export class ConversationLobbyChannel implements ChannelHandler<{ customerId: string; accountId: string }> {
  readonly pattern = `${PREFIX}*`;

  constructor(private readonly access: RealtimeAccess) {}

  async join(topic: string, _payload: Record<string, unknown>, socket: SocketContext) {
    const customerId = uuidAfter(topic, PREFIX);
    const accountId = customerId && (await this.access.customerAccount(customerId));
    if (!customerId || !accountId || !RealtimeAccess.sameAccount(socket, accountId)) return denied('unauthorized');
    if (!(await this.access.originAllowed(socket, accountId))) return denied('unauthorized');
    return joined({ customerId, accountId });
  }
}

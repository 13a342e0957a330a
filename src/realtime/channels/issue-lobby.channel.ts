import { Injectable } from '@nestjs/common';
import { ChannelHandler, denied, joined, SocketContext, uuidAfter } from './channel';
import { RealtimeAccess } from './realtime-access.service';

const PREFIX = 'issue:lobby:';

/**
 * `issue:lobby:<customer_id>`: the dashboard's customer sidebar listens here for `issue:created` /
 * `issue:updated` (Papercups sends them when a GitHub issue gets linked to the customer). This server has
 * no customer–issue links yet, so nothing is broadcast; the join is served (agents of the customer's
 * account only) so the dashboard does not retry a refused join forever.
 */
@Injectable()
export class IssueLobbyChannel implements ChannelHandler<{ customerId: string }> {
  readonly pattern = `${PREFIX}*`;

  constructor(private readonly access: RealtimeAccess) {}

  async join(topic: string, _payload: Record<string, unknown>, socket: SocketContext) {
    const customerId = uuidAfter(topic, PREFIX);
    const agent = customerId && (await this.access.currentAgent(socket));
    if (!agent || (await this.access.customerAccount(customerId!)) !== agent.accountId) return denied('Unauthorized');
    return joined({ customerId: customerId! });
  }
}

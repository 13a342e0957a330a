import { ApiSchema } from '@nestjs/swagger';
import { CustomerResponse } from '../../customers/dto/customer.response';
import { MessageResponse } from '../../messages/dto/message.response';
import { TagResponse } from '../../tags/dto/tag.response';
import { ConversationResponse } from './conversation.response';

/** expanded.json (retrieve, list): with its customer, messages and tags. */
@ApiSchema({ name: 'ConversationExpanded' })
export class ConversationExpandedResponse extends ConversationResponse {
  customer!: CustomerResponse | null;
  /** Always empty here (Papercups' mentions need its Slack integration). */
  mentions!: object[];
  /** Oldest first. */
  messages!: MessageResponse[];
  tags!: TagResponse[];
}

import { ApiSchema } from '@nestjs/swagger';
import { CustomerResponse } from '../../customers/dto/customer.response';
import { MentionResponse } from '../../mentions/dto/mention.response';
import { MessageResponse } from '../../messages/dto/message.response';
import { TagResponse } from '../../tags/dto/tag.response';
import { ConversationResponse } from './conversation.response';

/** expanded.json (retrieve, list): with its customer, messages and tags. */
@ApiSchema({ name: 'ConversationExpanded' })
export class ConversationExpandedResponse extends ConversationResponse {
  customer!: CustomerResponse | null;
  /** Who was mentioned in its messages (`mentioned_user_ids`), oldest first. */
  mentions!: MentionResponse[];
  /** Oldest first. */
  messages!: MessageResponse[];
  tags!: TagResponse[];
}

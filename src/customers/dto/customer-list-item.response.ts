import { ApiSchema } from '@nestjs/swagger';
import { ConversationResponse } from '../../conversations/dto/conversation.response';
import { CustomerWithAssociationsResponse } from './customer.response';

/** A customer in the list: with its company, its tags and its latest conversation. */
@ApiSchema({ name: 'CustomerListItem' })
export class CustomerListItemResponse extends CustomerWithAssociationsResponse {
  /** The latest conversation, or none. */
  conversations!: ConversationResponse[];
}

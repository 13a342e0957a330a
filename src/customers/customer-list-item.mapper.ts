import { toConversationResponse } from '../conversations/conversation.mapper';
import { Conversation } from '../conversations/entities/conversation.entity';
import { toCustomerWithAssociationsResponse } from './customer.mapper';
import { CustomerListItemResponse } from './dto/customer-list-item.response';
import { Customer } from './entities/customer.entity';

/** A list item: the customer with its company and tags (loaded), and its latest conversation or none. */
export const toCustomerListItemResponse = (
  c: Customer,
  latest: Conversation | undefined,
): CustomerListItemResponse => ({
  ...toCustomerWithAssociationsResponse(c),
  conversations: latest ? [toConversationResponse(latest)] : [],
});

import { toCustomerResponse } from '../customers/customer.mapper';
import { Message } from '../messages/entities/message.entity';
import { toMessageResponse } from '../messages/message.mapper';
import { ConversationTag } from '../tags/entities/tag-links.entity';
import { toTagResponse } from '../tags/tag.mapper';
import { toConversationResponse } from './conversation.mapper';
import { ConversationExpandedResponse } from './dto/conversation-expanded.response';
import { Conversation } from './entities/conversation.entity';

/** expanded.json (retrieve, list): with its customer, its messages oldest first, and its tags. */
export const toConversationExpandedResponse = (
  c: Conversation,
  messages: Message[],
  tags: ConversationTag[],
): ConversationExpandedResponse => ({
  ...toConversationResponse(c),
  customer: c.customer ? toCustomerResponse(c.customer) : null,
  mentions: [],
  messages: messages.map(toMessageResponse),
  tags: tags.map((link) => toTagResponse(link.tag!)),
});

import { toCustomerResponse } from '../customers/customer.mapper';
import { Mention } from '../mentions/entities/mention.entity';
import { toMentionResponse } from '../mentions/mention.mapper';
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
  mentions: Mention[] = [],
): ConversationExpandedResponse => ({
  ...toConversationResponse(c),
  customer: c.customer ? toCustomerResponse(c.customer) : null,
  mentions: mentions.map(toMentionResponse),
  messages: messages.map(toMessageResponse),
  tags: tags.map((link) => toTagResponse(link.tag!)),
});

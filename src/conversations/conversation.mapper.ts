import { toNaive, toUtc } from '../common/serialization/time';
import { toCustomerResponse } from '../customers/customer.mapper';
import { toMessageResponse } from '../messages/message.mapper';
import { toTagResponse } from '../tags/tag.mapper';
import { Message } from '../messages/entities/message.entity';
import { Conversation } from './entities/conversation.entity';

/** Papercups' conversation basic.json (create, update, webhooks). */
export const toConversationResponse = (c: Conversation) => ({
  id: c.id,
  object: 'conversation',
  account_id: c.accountId,
  assignee_id: c.assigneeId,
  closed_at: toUtc(c.closedAt),
  created_at: toNaive(c.createdAt),
  customer_id: c.customerId,
  inbox_id: c.inboxId,
  last_activity_at: toUtc(c.lastActivityAt),
  metadata: c.metadata,
  priority: c.priority,
  read: c.read,
  source: c.source,
  status: c.status,
  subject: c.subject,
});

/** expanded.json (retrieve, list): with its customer, messages oldest first, and tags. */
export const toExpandedConversationResponse = (c: Conversation, messages: Message[]) => ({
  ...toConversationResponse(c),
  customer: c.customer ? toCustomerResponse(c.customer) : null,
  mentions: [],
  messages: messages.map(toMessageResponse),
  tags: (c.tagLinks ?? []).map((link) => toTagResponse(link.tag!)),
});

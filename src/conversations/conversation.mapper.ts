import { toNaive, toUtc } from '../common/serialization/time';
import { ConversationResponse } from './dto/conversation.response';
import { Conversation } from './entities/conversation.entity';

/** Papercups' conversation basic.json (create, update, events, customer lists). */
export const toConversationResponse = (c: Conversation): ConversationResponse => ({
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

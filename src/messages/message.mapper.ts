import { toNaive, toUtc } from '../common/serialization/time';
import { toCustomerBasicResponse } from '../customers/customer.mapper';
import { toFileResponse } from '../uploads/file.mapper';
import { toUserResponse } from '../users/user.mapper';
import { MessageResponse } from './dto/message.response';
import { Message } from './entities/message.entity';

/** Papercups' message expanded.json: `user` always, `customer` only on customer messages. */
export const toMessageResponse = (m: Message): MessageResponse => ({
  id: m.id,
  object: 'message',
  account_id: m.accountId,
  attachments: (m.attachments ?? []).map(toFileResponse),
  body: m.body,
  content_type: m.contentType,
  conversation_id: m.conversationId,
  created_at: toNaive(m.createdAt),
  ...(m.customer ? { customer: toCustomerBasicResponse(m.customer) } : {}),
  customer_id: m.customerId,
  metadata: m.metadata,
  private: m.private,
  seen_at: toUtc(m.seenAt),
  sent_at: toUtc(m.sentAt),
  source: m.source,
  type: m.type,
  user: m.user ? toUserResponse(m.user) : null,
  user_id: m.userId,
});

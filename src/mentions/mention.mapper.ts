import { toNaive, toUtc } from '../common/serialization/time';
import { toUserResponse } from '../users/user.mapper';
import { MentionResponse } from './dto/mention.response';
import { Mention } from './entities/mention.entity';

export const toMentionResponse = (m: Mention): MentionResponse => ({
  id: m.id,
  object: 'mention',
  account_id: m.accountId,
  created_at: toNaive(m.createdAt),
  seen_at: toUtc(m.seenAt),
  conversation_id: m.conversationId,
  message_id: m.messageId,
  user_id: m.userId,
  user: m.user ? toUserResponse(m.user) : null,
});

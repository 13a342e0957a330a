import { EntityManager, In, IsNull } from 'typeorm';
import { invalidFields } from '../common/errors';
import { User } from '../users/entities/user.entity';
import { Mention } from './entities/mention.entity';

export interface MentionedMessage {
  id: string;
  accountId: string;
  conversationId: string;
}

/**
 * Records `mentioned_user_ids` of a message (in the message's transaction): each must be a user of the
 * message's account, else the whole write is a 422. Duplicates count once. The REST message routes and the
 * socket's `shout` both come through here.
 */
export async function addMentions(manager: EntityManager, message: MentionedMessage, userIds: number[] = []) {
  const ids = [...new Set(userIds)];
  if (!ids.length) return;
  const found = await manager.countBy(User, { id: In(ids), accountId: message.accountId });
  if (found !== ids.length) throw invalidFields({ mentioned_user_ids: ['does not exist'] });
  await manager.insert(
    Mention,
    ids.map((userId) => ({
      accountId: message.accountId,
      conversationId: message.conversationId,
      messageId: message.id,
      userId,
    })),
  );
}

/** The user has read the conversation: their mentions in it are seen (Papercups' mark_mentions_seen). */
export async function markMentionsSeen(manager: EntityManager, conversationId: string, userId: number) {
  await manager.update(Mention, { conversationId, userId, seenAt: IsNull() }, { seenAt: new Date() });
}

/** `mentioning` (and `has_seen_mention`) of a conversation list, as an EXISTS on `c` (the conversation alias). */
export function mentionCondition(hasSeen: boolean | undefined): string {
  const seen = hasSeen === undefined ? '' : hasSeen ? ' AND m.seen_at IS NOT NULL' : ' AND m.seen_at IS NULL';
  return `EXISTS (SELECT 1 FROM mentions m WHERE m.conversation_id = c.id AND m.user_id = :mentioning${seen})`;
}

import type { Inbox } from '../accounts/entities/inbox.entity';
import { toNaive } from '../common/serialization/time';
import { InboxResponse } from './dto/inbox.response';

export const toInboxResponse = (inbox: Inbox): InboxResponse => ({
  id: inbox.id,
  object: 'inbox',
  account_id: inbox.accountId,
  created_at: toNaive(inbox.createdAt),
  description: inbox.description,
  is_primary: inbox.isPrimary,
  is_private: inbox.isPrivate,
  name: inbox.name,
  slug: inbox.slug,
  updated_at: toNaive(inbox.updatedAt),
});

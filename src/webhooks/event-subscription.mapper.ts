import { toNaive, toUtc } from '../common/serialization/time';
import { EventSubscription } from './entities/event-subscription.entity';

/** Papercups' event_subscription view plus event_types and the delivery state; `secret` only on create/rotate. */
export const toEventSubscriptionResponse = (s: EventSubscription, secret: string | null = null) => ({
  id: s.id,
  object: 'event_subscription',
  account_id: s.accountId,
  created_at: toNaive(s.createdAt),
  disabled_at: toUtc(s.disabledAt),
  enabled: s.disabledAt === null,
  event_types: s.eventTypes,
  scope: s.scope,
  secret,
  updated_at: toNaive(s.updatedAt),
  verified: s.verified,
  webhook_url: s.webhookUrl,
});

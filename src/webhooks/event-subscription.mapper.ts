import { toNaive, toUtc } from '../common/serialization/time';
import { EventSubscriptionResponse, EventSubscriptionWithSecretResponse } from './dto/event-subscription.response';
import { EventSubscription } from './entities/event-subscription.entity';
import { secretResponse } from '../common/serialization/secret-response';

/** Papercups' event_subscription view plus event_types and the delivery state; never the secret. */
export const toEventSubscriptionResponse = (s: EventSubscription): EventSubscriptionResponse => ({
  id: s.id,
  object: 'event_subscription',
  account_id: s.accountId,
  created_at: toNaive(s.createdAt),
  disabled_at: toUtc(s.disabledAt),
  enabled: s.disabledAt === null,
  event_types: s.eventTypes,
  scope: s.scope,
  secret: null,
  updated_at: toNaive(s.updatedAt),
  verified: s.verified,
  webhook_url: s.webhookUrl,
});

/** The create and rotate_secret responses, the only ones with the signing secret. */
export const toEventSubscriptionWithSecretResponse = (
  s: EventSubscription,
  secret: string,
): EventSubscriptionWithSecretResponse => secretResponse({ ...toEventSubscriptionResponse(s), secret });

import { toNaive, toUtc } from '../common/serialization/time';
import { toEventResponse } from '../events/event.mapper';
import { WebhookDeliveryAttemptResponse, WebhookDeliveryResponse } from './dto/webhook-delivery.response';
import { WebhookDelivery, WebhookDeliveryAttempt } from './entities/webhook-delivery.entity';

const toAttemptResponse = (a: WebhookDeliveryAttempt): WebhookDeliveryAttemptResponse => ({
  id: a.id,
  object: 'webhook_delivery_attempt',
  created_at: toUtc(a.createdAt),
  duration_ms: a.durationMs,
  error: a.error,
  status_code: a.statusCode,
});

/** `id` is also the `webhook-id` header of every POST made for it. */
export const toWebhookDeliveryResponse = (
  d: WebhookDelivery,
  attempts: WebhookDeliveryAttempt[],
): WebhookDeliveryResponse => ({
  id: d.id,
  object: 'webhook_delivery',
  account_id: d.accountId,
  attempt_count: d.attempts,
  attempts: attempts.map(toAttemptResponse),
  created_at: toNaive(d.createdAt),
  event: toEventResponse(d.event!),
  last_attempt_at: toUtc(d.lastAttemptAt),
  next_attempt_at: d.status === 'pending' ? toUtc(d.nextAttemptAt) : null,
  status: d.status,
  subscription_id: d.subscriptionId,
  updated_at: toNaive(d.updatedAt),
});

import { Event } from '../events/entities/event.entity';
import { toEventResponse } from '../events/event.mapper';
import { ACCOUNT_ID, CREATED, UPDATED } from '../testing/entities';
import { WebhookDelivery, WebhookDeliveryAttempt } from './entities/webhook-delivery.entity';
import { toWebhookDeliveryResponse } from './webhook-delivery.mapper';

const event = Object.assign(new Event(), {
  id: '1a2b3c4d-0000-4000-8000-0000000000e1',
  accountId: ACCOUNT_ID,
  seq: 42,
  type: 'tag:created' as const,
  payload: { id: 'x', object: 'tag' } as never,
  createdAt: CREATED,
});

const delivery = (fields: Partial<WebhookDelivery>) =>
  Object.assign(new WebhookDelivery(), {
    id: '1a2b3c4d-0000-4000-8000-0000000000d1',
    accountId: ACCOUNT_ID,
    subscriptionId: '1a2b3c4d-0000-4000-8000-0000000000c1',
    eventId: event.id,
    status: 'pending' as const,
    attempts: 1,
    nextAttemptAt: new Date('2021-02-24T17:30:00.000Z'),
    lastAttemptAt: new Date('2021-02-24T17:25:00.000Z'),
    createdAt: CREATED,
    updatedAt: UPDATED,
    event,
    ...fields,
  });

const attempt = Object.assign(new WebhookDeliveryAttempt(), {
  id: '1a2b3c4d-0000-4000-8000-0000000000a1',
  deliveryId: '1a2b3c4d-0000-4000-8000-0000000000d1',
  statusCode: null,
  error: 'timeout',
  durationMs: 1000,
  createdAt: new Date('2021-02-24T17:25:00.250Z'),
});

describe('toEventResponse', () => {
  it('the cursor is the sequence number as a string; the payload as stored', () => {
    expect(toEventResponse(event)).toEqual({
      id: event.id,
      object: 'event',
      account_id: ACCOUNT_ID,
      created_at: '2021-02-24T17:24:37',
      cursor: '42',
      payload: { id: 'x', object: 'tag' },
      type: 'tag:created',
    });
  });
});

describe('toWebhookDeliveryResponse', () => {
  it('a pending delivery: its event, its attempts (UTC times), and when it is tried next', () => {
    expect(toWebhookDeliveryResponse(delivery({}), [attempt])).toMatchObject({
      object: 'webhook_delivery',
      attempt_count: 1,
      attempts: [
        {
          id: attempt.id,
          object: 'webhook_delivery_attempt',
          created_at: '2021-02-24T17:25:00Z',
          duration_ms: 1000,
          error: 'timeout',
          status_code: null,
        },
      ],
      event: { cursor: '42', type: 'tag:created' },
      last_attempt_at: '2021-02-24T17:25:00Z',
      next_attempt_at: '2021-02-24T17:30:00Z',
      status: 'pending',
    });
  });

  it('a settled delivery has no next attempt', () => {
    expect(toWebhookDeliveryResponse(delivery({ status: 'failed' }), []).next_attempt_at).toBeNull();
    expect(toWebhookDeliveryResponse(delivery({ status: 'succeeded' }), []).next_attempt_at).toBeNull();
  });
});

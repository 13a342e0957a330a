import { ACCOUNT_ID, CREATED, UPDATED } from '../testing/entities';
import { EventSubscription } from './entities/event-subscription.entity';
import { toEventSubscriptionResponse, toEventSubscriptionWithSecretResponse } from './event-subscription.mapper';

const subscription = (fields: Partial<EventSubscription> = {}) =>
  Object.assign(new EventSubscription(), {
    id: '1a2b3c4d-0000-4000-8000-0000000000c1',
    accountId: ACCOUNT_ID,
    webhookUrl: 'https://example.com/hooks',
    scope: null,
    eventTypes: ['conversation:created' as const, 'message:created' as const],
    verified: true,
    secret: 'whsec_never-rendered',
    disabledAt: null,
    consecutiveFailures: 0,
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

describe('event subscription views', () => {
  it('never renders the stored secret; enabled is "not disabled"', () => {
    expect(toEventSubscriptionResponse(subscription())).toEqual({
      id: '1a2b3c4d-0000-4000-8000-0000000000c1',
      object: 'event_subscription',
      account_id: ACCOUNT_ID,
      created_at: '2021-02-24T17:24:37',
      disabled_at: null,
      enabled: true,
      event_types: ['conversation:created', 'message:created'],
      scope: null,
      secret: null,
      updated_at: '2021-02-25T08:00:00',
      verified: true,
      webhook_url: 'https://example.com/hooks',
    });
    expect(toEventSubscriptionResponse(subscription({ disabledAt: new Date(0) }))).toMatchObject({
      enabled: false,
      disabled_at: '1970-01-01T00:00:00Z',
    });
  });

  it('the create and rotate view carries the secret it is given', () => {
    expect(toEventSubscriptionWithSecretResponse(subscription(), 'whsec_new').secret).toBe('whsec_new');
  });
});

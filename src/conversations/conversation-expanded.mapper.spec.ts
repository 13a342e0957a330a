import { aConversation, aConversationTag, aCustomer, aMessage, aTag, aUser } from '../testing/entities';
import { toConversationExpandedResponse } from './conversation-expanded.mapper';
import { toConversationResponse } from './conversation.mapper';

describe('conversation views', () => {
  it('basic: UTC clocks (null while unset), naive created_at, no associations', () => {
    expect(toConversationResponse(aConversation({ customer: aCustomer() }))).toEqual({
      id: '1a2b3c4d-0000-4000-8000-000000000005',
      object: 'conversation',
      account_id: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
      assignee_id: null,
      closed_at: null,
      created_at: '2021-02-24T17:24:37',
      customer_id: '1a2b3c4d-0000-4000-8000-000000000003',
      inbox_id: null,
      last_activity_at: '2021-02-26T09:00:00Z',
      metadata: null,
      priority: 'not_priority',
      read: false,
      source: 'chat',
      status: 'open',
      subject: null,
    });
  });

  it('expanded: the customer without associations, the messages as given, the tags, no mentions', () => {
    const first = aMessage({ id: '1a2b3c4d-0000-4000-8000-0000000000a1', user: aUser() });
    const second = aMessage({ id: '1a2b3c4d-0000-4000-8000-0000000000a2', userId: null, customerId: aCustomer().id });
    const view = toConversationExpandedResponse(
      aConversation({ customer: aCustomer({ name: 'Alex' }) }),
      [first, second],
      [aConversationTag(aTag())],
    );
    expect(view.customer).toMatchObject({ object: 'customer', title: 'Alex', last_seen: '2021-02-26' });
    expect(view.customer).not.toHaveProperty('tags');
    expect(view.messages.map((m) => m.id)).toEqual([first.id, second.id]);
    expect(view.tags).toEqual([expect.objectContaining({ object: 'tag', name: 'vip' })]);
    expect(view.mentions).toEqual([]);
  });

  it('expanded: a customer that was not loaded is null', () => {
    expect(toConversationExpandedResponse(aConversation(), [], []).customer).toBeNull();
  });
});

import { aConversation, aCustomer } from '../testing/entities';
import { toCustomerListItemResponse } from './customer-list-item.mapper';

describe('toCustomerListItemResponse', () => {
  it('carries the latest conversation as a one-item list, or an empty one', () => {
    const customer = aCustomer({ company: null, tagLinks: [] });
    const latest = aConversation({ status: 'closed', closedAt: new Date('2021-03-01T12:00:00.000Z') });
    expect(toCustomerListItemResponse(customer, latest).conversations).toEqual([
      expect.objectContaining({ id: latest.id, object: 'conversation', closed_at: '2021-03-01T12:00:00Z' }),
    ]);
    expect(toCustomerListItemResponse(customer, undefined)).toMatchObject({
      company: null,
      tags: [],
      conversations: [],
    });
  });
});

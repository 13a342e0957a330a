import { aCustomer, aMessage, aProfile, aUser } from '../testing/entities';
import { toMessageResponse } from './message.mapper';

describe('toMessageResponse', () => {
  it("an agent's message: its user with profile fields, no `customer` key, UTC sent/seen", () => {
    const view = toMessageResponse(
      aMessage({ user: aUser({ profile: aProfile() }), sentAt: new Date('2021-02-24T17:25:00.400Z') }),
    );
    expect(view).toMatchObject({
      object: 'message',
      attachments: [],
      created_at: '2021-02-24T17:24:37',
      sent_at: '2021-02-24T17:25:00Z',
      seen_at: null,
      user: { id: 7, object: 'user', display_name: 'Alex', full_name: 'Alex Agent', role: 'admin' },
      user_id: 7,
    });
    expect(view).not.toHaveProperty('customer');
  });

  it("a customer's message: the basic customer view, and `user: null`", () => {
    const customer = aCustomer({ email: 'alex@example.com', ip: '203.0.113.7' });
    const view = toMessageResponse(aMessage({ userId: null, customerId: customer.id, customer }));
    expect(view.user).toBeNull();
    expect(view.customer).toMatchObject({ id: customer.id, title: 'alex@example.com' });
    expect(view.customer).not.toHaveProperty('ip');
  });
});

import { aCompany, aCustomer, aCustomerTag, aTag } from '../testing/entities';
import { toCustomerBasicResponse, toCustomerResponse, toCustomerWithAssociationsResponse } from './customer.mapper';

describe('customer views', () => {
  it('title: the name, else the email, else "Anonymous User"', () => {
    expect(toCustomerBasicResponse(aCustomer({ name: 'Alex', email: 'alex@example.com' })).title).toBe('Alex');
    expect(toCustomerBasicResponse(aCustomer({ name: '', email: 'alex@example.com' })).title).toBe('alex@example.com');
    expect(toCustomerBasicResponse(aCustomer()).title).toBe('Anonymous User');
  });

  it('basic: no visit details and no associations, even when they are loaded', () => {
    const customer = aCustomer({ company: aCompany(), tagLinks: [aCustomerTag(aTag())], ip: '203.0.113.7' });
    expect(toCustomerBasicResponse(customer)).toEqual({
      id: customer.id,
      object: 'customer',
      browser: null,
      company_id: null,
      created_at: '2021-02-24T17:24:37',
      current_url: null,
      email: null,
      external_id: null,
      host: null,
      metadata: null,
      name: null,
      os: null,
      pathname: null,
      phone: null,
      profile_photo_url: null,
      title: 'Anonymous User',
      updated_at: '2021-02-25T08:00:00',
    });
  });

  it('full: visit details, last seen as a date and as a UTC timestamp, still no associations', () => {
    const view = toCustomerResponse(aCustomer({ company: aCompany(), ip: '203.0.113.7', screenWidth: 1440 }));
    expect(view).toMatchObject({
      browser_language: null,
      first_seen: '2021-02-24',
      ip: '203.0.113.7',
      last_seen: '2021-02-26',
      last_seen_at: '2021-02-26T10:11:12Z',
      screen_width: 1440,
    });
    expect(view).not.toHaveProperty('company');
    expect(view).not.toHaveProperty('tags');
  });

  it('with associations: the company (or null) and the tags in link order', () => {
    const [vip, churned] = [aTag(), aTag({ id: '1a2b3c4d-0000-4000-8000-0000000000ff', name: 'churned' })];
    const view = toCustomerWithAssociationsResponse(
      aCustomer({ company: aCompany(), tagLinks: [aCustomerTag(churned), aCustomerTag(vip)] }),
    );
    expect(view.company).toMatchObject({ object: 'company', name: 'Acme' });
    expect(view.tags.map((tag) => tag.name)).toEqual(['churned', 'vip']);
    expect(toCustomerWithAssociationsResponse(aCustomer({ company: null, tagLinks: [] }))).toMatchObject({
      company: null,
      tags: [],
    });
  });
});

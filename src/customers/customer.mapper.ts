import { toCompanyResponse } from '../companies/company.mapper';
import { toDate, toNaive, toUtc } from '../common/serialization/time';
import { toTagResponse } from '../tags/tag.mapper';
import { CustomerBasicResponse, CustomerResponse, CustomerWithAssociationsResponse } from './dto/customer.response';
import { Customer } from './entities/customer.entity';

/** What toCustomerBasicResponse reads: all a hot read selects for the customer embedded in a message. */
export const CUSTOMER_BASIC_PROPERTIES = [
  'id',
  'browser',
  'companyId',
  'createdAt',
  'currentUrl',
  'email',
  'externalId',
  'host',
  'metadata',
  'name',
  'os',
  'pathname',
  'phone',
  'profilePhotoUrl',
  'updatedAt',
] as const satisfies readonly (keyof Customer)[];

const title = (c: Customer) => c.name || c.email || 'Anonymous User';

/** Papercups' customer basic.json, nested in messages: no visit details, no associations (CUSTOMER_BASIC_PROPERTIES). */
export const toCustomerBasicResponse = (c: Customer): CustomerBasicResponse => ({
  id: c.id,
  object: 'customer',
  browser: c.browser,
  company_id: c.companyId,
  created_at: toNaive(c.createdAt),
  current_url: c.currentUrl,
  email: c.email,
  external_id: c.externalId,
  host: c.host,
  metadata: c.metadata,
  name: c.name,
  os: c.os,
  pathname: c.pathname,
  phone: c.phone,
  profile_photo_url: c.profilePhotoUrl,
  title: title(c),
  updated_at: toNaive(c.updatedAt),
});

/** Papercups' customer.json without associations: basic plus visit details. */
export const toCustomerResponse = (c: Customer): CustomerResponse => ({
  ...toCustomerBasicResponse(c),
  browser_language: c.browserLanguage,
  browser_version: c.browserVersion,
  first_seen: c.firstSeen,
  ip: c.ip,
  last_seen: toDate(c.lastSeenAt),
  last_seen_at: toUtc(c.lastSeenAt),
  lib: c.lib,
  screen_height: c.screenHeight,
  screen_width: c.screenWidth,
  time_zone: c.timeZone,
});

/** customer.json with its company and tags (`company` and `tagLinks.tag` loaded). */
export const toCustomerWithAssociationsResponse = (c: Customer): CustomerWithAssociationsResponse => ({
  ...toCustomerResponse(c),
  company: c.company ? toCompanyResponse(c.company) : null,
  tags: (c.tagLinks ?? []).map((link) => toTagResponse(link.tag!)),
});

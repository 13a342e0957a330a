import { toCompanyResponse } from '../companies/company.mapper';
import { toDate, toNaive, toUtc } from '../common/serialization/time';
import { Conversation } from '../conversations/entities/conversation.entity';
import { toConversationResponse } from '../conversations/conversation.mapper';
import { toTagResponse } from '../tags/tag.mapper';
import { Customer } from './entities/customer.entity';

const title = (c: Customer) => c.name || c.email || 'Anonymous User';

/** Papercups' customer basic.json, nested in messages: no visit details, no associations. */
export const toCustomerBasicResponse = (c: Customer) => ({
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

/**
 * Papercups' customer.json: basic plus visit details. `company`/`tags` appear when loaded (retrieve,
 * create, update, list), `conversations` (the latest one, or none) in lists.
 */
export function toCustomerResponse(c: Customer, latestConversations?: Conversation[]) {
  return {
    ...toCustomerBasicResponse(c),
    browser_language: c.browserLanguage,
    browser_version: c.browserVersion,
    ...(c.company !== undefined ? { company: c.company ? toCompanyResponse(c.company) : null } : {}),
    ...(latestConversations ? { conversations: latestConversations.map(toConversationResponse) } : {}),
    first_seen: c.firstSeen,
    ip: c.ip,
    last_seen: toDate(c.lastSeenAt),
    last_seen_at: toUtc(c.lastSeenAt),
    lib: c.lib,
    screen_height: c.screenHeight,
    screen_width: c.screenWidth,
    ...(c.tagLinks ? { tags: c.tagLinks.map((link) => toTagResponse(link.tag!)) } : {}),
    time_zone: c.timeZone,
  };
}

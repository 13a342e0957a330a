/**
 * Entity builders for the unit specs beside the mappers (no database): every column set, nulls where a
 * column is nullable, fixed ids and times so a spec can state the exact wire shape. Not part of the build.
 */
import { Company } from '../companies/entities/company.entity';
import { Conversation } from '../conversations/entities/conversation.entity';
import { Customer } from '../customers/entities/customer.entity';
import { Message } from '../messages/entities/message.entity';
import { ConversationTag, CustomerTag } from '../tags/entities/tag-links.entity';
import { Tag } from '../tags/entities/tag.entity';
import { UserProfile } from '../users/entities/user-profile.entity';
import { User } from '../users/entities/user.entity';

export const ACCOUNT_ID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
export const CREATED = new Date('2021-02-24T17:24:37.123Z');
export const UPDATED = new Date('2021-02-25T08:00:00.999Z');

export const aTag = (fields: Partial<Tag> = {}) =>
  Object.assign(new Tag(), {
    id: '1a2b3c4d-0000-4000-8000-000000000001',
    accountId: ACCOUNT_ID,
    name: 'vip',
    description: null,
    color: '#ff0000',
    creatorId: 1,
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

export const aCompany = (fields: Partial<Company> = {}) =>
  Object.assign(new Company(), {
    id: '1a2b3c4d-0000-4000-8000-000000000002',
    accountId: ACCOUNT_ID,
    name: 'Acme',
    externalId: null,
    websiteUrl: null,
    description: null,
    logoImageUrl: null,
    industry: null,
    slackChannelId: null,
    slackChannelName: null,
    slackTeamId: null,
    slackTeamName: null,
    metadata: null,
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

export const aCustomer = (fields: Partial<Customer> = {}) =>
  Object.assign(new Customer(), {
    id: '1a2b3c4d-0000-4000-8000-000000000003',
    accountId: ACCOUNT_ID,
    companyId: null,
    name: null,
    email: null,
    phone: null,
    externalId: null,
    profilePhotoUrl: null,
    browser: null,
    browserVersion: null,
    browserLanguage: null,
    os: null,
    ip: null,
    firstSeen: '2021-02-24',
    lastSeenAt: new Date('2021-02-26T10:11:12.500Z'),
    currentUrl: null,
    host: null,
    pathname: null,
    screenHeight: null,
    screenWidth: null,
    lib: null,
    timeZone: null,
    metadata: null,
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

export const aUser = (fields: Partial<User> = {}) =>
  Object.assign(new User(), {
    id: 7,
    email: 'agent@example.com',
    accountId: ACCOUNT_ID,
    role: 'admin' as const,
    disabledAt: null,
    archivedAt: null,
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

export const aProfile = (fields: Partial<UserProfile> = {}) =>
  Object.assign(new UserProfile(), {
    id: '1a2b3c4d-0000-4000-8000-000000000004',
    userId: 7,
    fullName: 'Alex Agent',
    displayName: 'Alex',
    profilePhotoUrl: null,
    slackUserId: null,
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

export const aConversation = (fields: Partial<Conversation> = {}) =>
  Object.assign(new Conversation(), {
    id: '1a2b3c4d-0000-4000-8000-000000000005',
    accountId: ACCOUNT_ID,
    customerId: '1a2b3c4d-0000-4000-8000-000000000003',
    assigneeId: null,
    inboxId: null,
    status: 'open' as const,
    priority: 'not_priority' as const,
    read: false,
    source: 'chat' as const,
    subject: null,
    metadata: null,
    closedAt: null,
    archivedAt: null,
    firstRepliedAt: null,
    lastActivityAt: new Date('2021-02-26T09:00:00.000Z'),
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

export const aMessage = (fields: Partial<Message> = {}) =>
  Object.assign(new Message(), {
    id: '1a2b3c4d-0000-4000-8000-000000000006',
    accountId: ACCOUNT_ID,
    conversationId: '1a2b3c4d-0000-4000-8000-000000000005',
    customerId: null,
    userId: 7,
    body: 'Hello',
    type: 'reply' as const,
    source: 'chat' as const,
    contentType: 'text',
    private: false,
    subject: null,
    metadata: null,
    sentAt: null,
    seenAt: null,
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  });

/** A tag link with its tag loaded, as the list and retrieve queries read them. */
export const aConversationTag = (tag: Tag) =>
  Object.assign(new ConversationTag(), { tagId: tag.id, conversationId: aConversation().id, tag });

export const aCustomerTag = (tag: Tag) =>
  Object.assign(new CustomerTag(), { tagId: tag.id, customerId: aCustomer().id, tag });

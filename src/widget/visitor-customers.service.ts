import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { unprocessable } from '../common/errors';
import { clientIp } from '../common/http/client-ip';
import { CustomerListService } from '../customers/customer-list.service';
import { CustomersService } from '../customers/customers.service';
import { CustomerResponse, CustomerWithAssociationsResponse } from '../customers/dto/customer.response';
import { UpdateCustomerFields } from '../customers/dto/customer.dto';
import { CustomerIdentityResponse } from '../customers/dto/customer.response';
import { VisitorCustomerFields, VisitorIdentifyQuery } from './dto/visitor.dto';
import { isUnset, VisitorAccess } from './visitor-access';

/** What a visitor may set on its customer: Papercups' metadata changeset (never the company, tags, notes). */
const VISITOR_FIELDS = [
  'metadata',
  'email',
  'name',
  'phone',
  'external_id',
  'browser',
  'browser_version',
  'browser_language',
  'os',
  'current_url',
  'host',
  'pathname',
  'screen_height',
  'screen_width',
  'lib',
  'time_zone',
] as const;

const pick = (fields: VisitorCustomerFields): UpdateCustomerFields =>
  Object.fromEntries(VISITOR_FIELDS.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]]));

/** Visitors see their customer without the agent-only associations (company, tags). */
const forVisitor = ({ company: _c, tags: _t, ...customer }: CustomerWithAssociationsResponse): CustomerResponse =>
  customer;

/**
 * The widget's customer routes, through CustomersService (same validation, customer:created/updated events
 * in the same transaction). The account comes from the body (or the agent's session, as in Papercups).
 */
@Injectable()
export class VisitorCustomersService {
  constructor(
    private readonly access: VisitorAccess,
    private readonly customers: CustomersService,
    private readonly lists: CustomerListService,
  ) {}

  async create(agent: AuthUser | undefined, fields: VisitorCustomerFields, request: FastifyRequest) {
    if (agent) {
      // An agent's session: the REST create of its account (company and all), as Papercups' public route does.
      const { account_id: _account, user_hash: _hash, ...rest } = fields;
      return forVisitor((await this.customers.create(agent.accountId, rest, clientIp(request))).customer);
    }
    const security = await this.access.account(fields.account_id, request, { write: true });
    this.access.verifyIdentity(security, fields.external_id, fields.user_hash);
    const now = new Date();
    const { customer } = await this.customers.create(
      security.accountId,
      { ...pick(fields), first_seen: fields.first_seen, last_seen_at: fields.last_seen_at ?? now },
      clientIp(request),
    );
    return forVisitor(customer);
  }

  /**
   * Under identity verification an external id is matched only with its `user_hash` (the SDK sends none
   * here, so it then creates a customer, whose create is verified).
   */
  async identify(query: VisitorIdentifyQuery, request: FastifyRequest): Promise<CustomerIdentityResponse> {
    if (isUnset(query.external_id) || isUnset(query.account_id)) {
      throw unprocessable('The following parameters are required: external_id, account_id');
    }
    const security = await this.access.account(query.account_id, request);
    if (security.identityVerification && !this.access.identityMatches(security, query.external_id, query.user_hash)) {
      return { customer_id: null };
    }
    const filters = { external_id: query.external_id, email: query.email || undefined, host: query.host || undefined };
    return this.lists.identify(security.accountId, filters);
  }

  /** Papercups answers true for any customer; here only for one of the named account (when named). */
  async exists(id: string, accountId: unknown, request: FastifyRequest): Promise<boolean> {
    const account = isUnset(accountId) ? undefined : (await this.access.account(accountId, request)).accountId;
    return this.access.customer(id, account).then(
      () => true,
      () => false,
    );
  }

  async updateMetadata(id: string, fields: VisitorCustomerFields, request: FastifyRequest): Promise<CustomerResponse> {
    const customer = await this.access.customer(id);
    const security = await this.access.account(customer.accountId, request, { write: true });
    this.access.verifyIdentity(security, fields.external_id, fields.user_hash);
    const updated = await this.customers.update(customer.accountId, id, {
      ...pick(fields),
      ip: clientIp(request),
      last_seen_at: new Date(),
    });
    return forVisitor(updated);
  }
}

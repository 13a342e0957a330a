import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Company } from '../companies/entities/company.entity';
import { invalidFields, notFound } from '../common/errors';
import { updateColumns } from '../common/queries/update-columns';
import { toDate } from '../common/serialization/time';
import { toColumns } from '../common/validation/record-fields';
import { assertIfMatch } from '../conditional-requests/if-match';
import { EventsService } from '../events/events.service';
import { toCustomerWithAssociationsResponse } from './customer.mapper';
import { CustomersRepository } from './customers.repository';
import { CreateCustomerFields, CUSTOMER_COLUMNS, UpdateCustomerFields } from './dto/customer.dto';
import { CustomerShowResponse, CustomerWithAssociationsResponse } from './dto/customer.response';
import { CustomerIssue } from '../issues/entities/customer-issue.entity';
import { Issue } from '../issues/entities/issue.entity';
import { toIssueResponse } from '../issues/issue.mapper';
import { Customer } from './entities/customer.entity';

/** Customer writes; each commits together with its event (customer:created|updated|deleted, the customer view). */
@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly customers: CustomersRepository,
    private readonly events: EventsService,
  ) {}

  async get(accountId: string, id: string, expand: string[] = []): Promise<CustomerShowResponse> {
    const customer = toCustomerWithAssociationsResponse(await this.findOrFail(accountId, id));
    if (!expand.includes('issues')) return customer;
    const issues = await this.db.manager
      .createQueryBuilder(Issue, 'i')
      .innerJoin(CustomerIssue, 'ci', 'ci.issueId = i.id')
      .where('ci.customerId = :id AND i.accountId = :accountId', { id, accountId })
      .orderBy('i.createdAt', 'DESC')
      .getMany();
    return { ...customer, issues: issues.map(toIssueResponse) };
  }

  /**
   * Inserts a customer. With `upsert`, the account's customer with the same `external_id` (the most
   * recently updated, if several) gets the sent fields instead; concurrent upserts of one external_id
   * queue up on a lock, so exactly one inserts. (No unique index: Papercups allows duplicate external
   * ids and plain creates must keep doing so.)
   */
  create(
    accountId: string,
    fields: CreateCustomerFields,
    ip: string,
    upsert = false,
  ): Promise<{ customer: CustomerWithAssociationsResponse; created: boolean }> {
    const externalId = fields.external_id;
    if (upsert && !externalId) throw invalidFields({ external_id: ["can't be blank"] });
    return this.db.transaction(async (manager) => {
      const company = fields.company_id ? await this.companyOrFail(manager, accountId, fields.company_id) : null;
      const existingId = upsert ? await this.customers.lockAndFindByExternalId(manager, accountId, externalId!) : null;
      if (existingId) {
        const changes = toColumns(fields, CUSTOMER_COLUMNS);
        if (fields.first_seen === null) delete changes.firstSeen;
        if (fields.last_seen_at === null) delete changes.lastSeenAt;
        await updateColumns(manager, Customer, { id: existingId }, { ...changes, ip });
        const updated = toCustomerWithAssociationsResponse(await this.findOrFail(accountId, existingId, manager));
        await this.events.record(manager, accountId, 'customer:updated', updated);
        return { customer: updated, created: false };
      }
      const inserted = Object.assign(await this.insert(manager, accountId, fields, ip), { company, tagLinks: [] });
      const customer = toCustomerWithAssociationsResponse(inserted);
      await this.events.record(manager, accountId, 'customer:created', customer);
      return { customer, created: true };
    });
  }

  update(accountId: string, id: string, fields: UpdateCustomerFields): Promise<CustomerWithAssociationsResponse> {
    return this.db.transaction(async (manager) => {
      await this.assertIfMatch(manager, accountId, id);
      const customer = await this.findOrFail(accountId, id, manager);
      if (fields.company_id) await this.companyOrFail(manager, accountId, fields.company_id);
      if (fields.first_seen === null) throw invalidFields({ first_seen: ["can't be blank"] });
      if (fields.last_seen_at === null) throw invalidFields({ last_seen_at: ["can't be blank"] });
      const changes = toColumns(fields, CUSTOMER_COLUMNS);
      if (!Object.keys(changes).length) return toCustomerWithAssociationsResponse(customer);
      await updateColumns(manager, Customer, { id, accountId }, changes);
      const updated = toCustomerWithAssociationsResponse(await this.findOrFail(accountId, id, manager));
      await this.events.record(manager, accountId, 'customer:updated', updated);
      return updated;
    });
  }

  /** Its conversations and messages go with it (ON DELETE CASCADE); only customer:deleted is recorded. */
  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      await this.assertIfMatch(manager, accountId, id);
      const customer = await this.findOrFail(accountId, id, manager);
      await manager.delete(Customer, { id, accountId });
      await this.events.record(manager, accountId, 'customer:deleted', toCustomerWithAssociationsResponse(customer));
    });
  }

  private assertIfMatch(manager: EntityManager, accountId: string, id: string): Promise<void> {
    return assertIfMatch(manager, Customer, { id, accountId }, async () =>
      toCustomerWithAssociationsResponse(await this.findOrFail(accountId, id, manager)),
    );
  }

  private async findOrFail(accountId: string, id: string, manager?: EntityManager): Promise<Customer> {
    const customer = await this.customers.findWithAssociations(accountId, id, manager);
    if (!customer) throw notFound();
    return customer;
  }

  private insert(manager: EntityManager, accountId: string, fields: CreateCustomerFields, ip: string) {
    const now = new Date();
    return manager.save(
      manager.create(Customer, {
        ...toColumns(fields, CUSTOMER_COLUMNS),
        accountId,
        ip,
        firstSeen: fields.first_seen ?? toDate(now),
        lastSeenAt: fields.last_seen_at ?? now,
      }),
    );
  }

  private async companyOrFail(manager: EntityManager, accountId: string, id: string): Promise<Company> {
    const company = await manager.findOneBy(Company, { id, accountId });
    if (!company) throw invalidFields({ company_id: ['does not exist'] });
    return company;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Company } from '../companies/entities/company.entity';
import { invalidFields, notFound } from '../common/errors';
import { containsPattern } from '../common/pagination/like';
import { paginate } from '../common/pagination/paginate';
import { toEntityFields } from '../common/serialization/fields';
import { toDate } from '../common/serialization/time';
import { Conversation } from '../conversations/entities/conversation.entity';
import { EventsService } from '../events/events.service';
import { CustomerTag } from '../tags/entities/tag-links.entity';
import { toCustomerResponse } from './customer.mapper';
import { CreateCustomerParams, UpdateCustomerParams } from './dto/customer.dto';
import { ListCustomersQuery } from './dto/list-customers.query';
import { Customer } from './entities/customer.entity';

const CONTAINS_FILTERS = ['name', 'email', 'host', 'phone'] as const;
const WITH_ASSOCIATIONS = { company: true, tagLinks: { tag: true } } as const;

@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(CustomerTag) private readonly tagLinks: Repository<CustomerTag>,
    private readonly events: EventsService,
  ) {}

  /** Most recently seen first, with company, tags and latest conversation: four queries per page. */
  async list(accountId: string, query: ListCustomersQuery) {
    const rows = this.customers
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.company', 'company')
      .where('c.accountId = :accountId', { accountId });
    for (const field of CONTAINS_FILTERS) {
      const value = query[field];
      if (value !== undefined) rows.andWhere(`c.${field} ILIKE :${field}`, { [field]: containsPattern(value) });
    }
    if (query.external_id !== undefined) rows.andWhere('c.externalId = :externalId', { externalId: query.external_id });
    if (query.company_id !== undefined) rows.andWhere('c.companyId = :companyId', { companyId: query.company_id });

    const page = await paginate(rows, { column: 'c.lastSeenAt', idColumn: 'c.id', read: (c) => [c.lastSeenAt, c.id] }, query);
    const ids = page.data.map((c) => c.id);
    const [latest, tags] = await Promise.all([this.latestConversations(accountId, ids), this.tagsOf(ids)]);
    return page.map((c) =>
      toCustomerResponse(Object.assign(c, { tagLinks: tags.get(c.id) ?? [] }), latest.has(c.id) ? [latest.get(c.id)!] : []),
    );
  }

  async findOrFail(accountId: string, id: string, manager: EntityManager = this.db.manager): Promise<Customer> {
    const customer = await manager.findOne(Customer, { where: { id, accountId }, relations: WITH_ASSOCIATIONS });
    if (!customer) throw notFound();
    return customer;
  }

  /** Every write commits together with its event (customer:created|updated|deleted, the customer view). */
  create(accountId: string, params: CreateCustomerParams, ip: string): Promise<Customer> {
    return this.db.transaction(async (manager) => {
      const company = params.company_id ? await this.companyOrFail(manager, accountId, params.company_id) : null;
      const now = new Date();
      const saved = await manager.save(
        manager.create(Customer, {
          ...toEntityFields<Customer>(params),
          accountId,
          ip,
          firstSeen: params.first_seen ?? toDate(now),
          lastSeenAt: params.last_seen_at ?? now,
        }),
      );
      const customer = Object.assign(saved, { company, tagLinks: [] });
      await this.events.record(manager, accountId, 'customer:created', toCustomerResponse(customer));
      return customer;
    });
  }

  update(accountId: string, id: string, params: UpdateCustomerParams): Promise<Customer> {
    return this.db.transaction(async (manager) => {
      const customer = await this.findOrFail(accountId, id, manager);
      if (params.company_id) await this.companyOrFail(manager, accountId, params.company_id);
      if (params.first_seen === null) throw invalidFields({ first_seen: ["can't be blank"] });
      if (params.last_seen_at === null) throw invalidFields({ last_seen_at: ["can't be blank"] });
      const fields = toEntityFields<Customer>(params);
      if (!Object.keys(fields).length) return customer;
      await manager.update(Customer, { id, accountId }, fields as QueryDeepPartialEntity<Customer>);
      const updated = await this.findOrFail(accountId, id, manager);
      await this.events.record(manager, accountId, 'customer:updated', toCustomerResponse(updated));
      return updated;
    });
  }

  /** Its conversations and messages go with it (ON DELETE CASCADE); only customer:deleted is recorded. */
  remove(accountId: string, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const customer = await this.findOrFail(accountId, id, manager);
      await manager.delete(Customer, { id, accountId });
      await this.events.record(manager, accountId, 'customer:deleted', toCustomerResponse(customer));
    });
  }

  private async companyOrFail(manager: EntityManager, accountId: string, id: string): Promise<Company> {
    const company = await manager.findOneBy(Company, { id, accountId });
    if (!company) throw invalidFields({ company_id: ['does not exist'] });
    return company;
  }

  private async latestConversations(accountId: string, customerIds: string[]): Promise<Map<string, Conversation>> {
    if (!customerIds.length) return new Map();
    const rows = await this.conversations
      .createQueryBuilder('conv')
      .distinctOn(['conv.customerId'])
      .where({ accountId, customerId: In(customerIds) })
      .orderBy('conv.customerId')
      .addOrderBy('conv.lastActivityAt', 'DESC')
      .addOrderBy('conv.id', 'DESC')
      .getMany();
    return new Map(rows.map((conversation) => [conversation.customerId, conversation]));
  }

  private async tagsOf(customerIds: string[]): Promise<Map<string, CustomerTag[]>> {
    const byCustomer = new Map<string, CustomerTag[]>();
    if (!customerIds.length) return byCustomer;
    const links = await this.tagLinks.find({
      where: { customerId: In(customerIds) },
      relations: { tag: true },
      order: { createdAt: 'ASC' },
    });
    for (const link of links) byCustomer.set(link.customerId, [...(byCustomer.get(link.customerId) ?? []), link]);
    return byCustomer;
  }
}

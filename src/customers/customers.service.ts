import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Company } from '../companies/entities/company.entity';
import { invalidFields, notFound } from '../common/errors';
import { toEntityFields } from '../common/serialization/fields';
import { toDate } from '../common/serialization/time';
import { CreateCustomerParams, UpdateCustomerParams } from './dto/customer.dto';
import { Customer } from './entities/customer.entity';

const WITH_ASSOCIATIONS = { company: true, tagLinks: { tag: true } } as const;

@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    @InjectRepository(Company) private readonly companies: Repository<Company>,
  ) {}

  async findOrFail(accountId: string, id: string): Promise<Customer> {
    // find(), not findOne(): with joined relations findOne adds a DISTINCT pre-query for its LIMIT 1.
    const [customer] = await this.customers.find({ where: { id, accountId }, relations: WITH_ASSOCIATIONS });
    if (!customer) throw notFound();
    return customer;
  }

  /**
   * Inserts a customer. With `upsert`, the account's customer with the same `external_id` (the most
   * recently updated, if several) gets the sent fields instead, under a transaction-scoped advisory lock
   * on (account, external_id): concurrent upserts of one external_id queue up, so exactly one inserts.
   * (No unique index: Papercups allows duplicate external ids and plain creates must keep doing so.)
   */
  async create(
    accountId: string,
    params: CreateCustomerParams,
    ip: string,
    upsert = false,
  ): Promise<{ customer: Customer; created: boolean }> {
    const company = params.company_id ? await this.companyOrFail(accountId, params.company_id) : null;
    if (!upsert) {
      const customer = await this.insert(this.db.manager, accountId, params, ip);
      return { customer: Object.assign(customer, { company, tagLinks: [] }), created: true };
    }
    const externalId = params.external_id;
    if (!externalId) throw invalidFields({ external_id: ["can't be blank"] });
    const { id, created } = await this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`customers:${accountId}:${externalId}`]);
      const existing = await manager.findOne(Customer, {
        select: { id: true },
        where: { accountId, externalId },
        order: { updatedAt: 'DESC', id: 'DESC' },
      });
      if (!existing) return { id: (await this.insert(manager, accountId, params, ip)).id, created: true };
      const fields = toEntityFields<Customer>(params);
      if (params.first_seen === null) delete fields.firstSeen;
      if (params.last_seen_at === null) delete fields.lastSeenAt;
      await manager.update(Customer, { id: existing.id }, { ...fields, ip } as QueryDeepPartialEntity<Customer>);
      return { id: existing.id, created: false };
    });
    return { customer: await this.findOrFail(accountId, id), created };
  }

  private insert(manager: EntityManager, accountId: string, params: CreateCustomerParams, ip: string): Promise<Customer> {
    const now = new Date();
    return manager.save(
      manager.create(Customer, {
        ...toEntityFields<Customer>(params),
        accountId,
        ip,
        firstSeen: params.first_seen ?? toDate(now),
        lastSeenAt: params.last_seen_at ?? now,
      }),
    );
  }

  async update(accountId: string, id: string, params: UpdateCustomerParams): Promise<Customer> {
    const customer = await this.findOrFail(accountId, id);
    if (params.company_id) await this.companyOrFail(accountId, params.company_id);
    if (params.first_seen === null) throw invalidFields({ first_seen: ["can't be blank"] });
    if (params.last_seen_at === null) throw invalidFields({ last_seen_at: ["can't be blank"] });
    const fields = toEntityFields<Customer>(params);
    if (Object.keys(fields).length) await this.customers.update({ id, accountId }, fields as QueryDeepPartialEntity<Customer>);
    return params.company_id !== undefined || Object.keys(fields).length ? this.findOrFail(accountId, id) : customer;
  }

  async remove(accountId: string, id: string): Promise<void> {
    const { affected } = await this.customers.delete({ id, accountId });
    if (!affected) throw notFound();
  }

  private async companyOrFail(accountId: string, id: string): Promise<Company> {
    const company = await this.companies.findOneBy({ id, accountId });
    if (!company) throw invalidFields({ company_id: ['does not exist'] });
    return company;
  }
}

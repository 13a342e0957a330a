import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Company } from '../companies/entities/company.entity';
import { invalidFields, notFound } from '../common/errors';
import { toEntityFields } from '../common/serialization/fields';
import { toDate } from '../common/serialization/time';
import { EventsService } from '../events/events.service';
import { toCustomerResponse } from './customer.mapper';
import { CreateCustomerParams, UpdateCustomerParams } from './dto/customer.dto';
import { Customer } from './entities/customer.entity';

const WITH_ASSOCIATIONS = { company: true, tagLinks: { tag: true } } as const;

/** Customer writes; each commits together with its event (customer:created|updated|deleted, the customer view). */
@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
  ) {}

  async findOrFail(accountId: string, id: string, manager: EntityManager = this.db.manager): Promise<Customer> {
    // find(), not findOne(): with joined relations findOne adds a DISTINCT pre-query for its LIMIT 1.
    const [customer] = await manager.find(Customer, { where: { id, accountId }, relations: WITH_ASSOCIATIONS });
    if (!customer) throw notFound();
    return customer;
  }

  /**
   * Inserts a customer. With `upsert`, the account's customer with the same `external_id` (the most
   * recently updated, if several) gets the sent fields instead, under a transaction-scoped advisory lock
   * on (account, external_id): concurrent upserts of one external_id queue up, so exactly one inserts.
   * (No unique index: Papercups allows duplicate external ids and plain creates must keep doing so.)
   */
  create(
    accountId: string,
    params: CreateCustomerParams,
    ip: string,
    upsert = false,
  ): Promise<{ customer: Customer; created: boolean }> {
    const externalId = params.external_id;
    if (upsert && !externalId) throw invalidFields({ external_id: ["can't be blank"] });
    return this.db.transaction(async (manager) => {
      const company = params.company_id ? await this.companyOrFail(manager, accountId, params.company_id) : null;
      if (upsert) {
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `customers:${accountId}:${externalId}`,
        ]);
        const existing = await manager.findOne(Customer, {
          select: { id: true },
          where: { accountId, externalId: externalId! },
          order: { updatedAt: 'DESC', id: 'DESC' },
        });
        if (existing) {
          const fields = toEntityFields<Customer>(params);
          if (params.first_seen === null) delete fields.firstSeen;
          if (params.last_seen_at === null) delete fields.lastSeenAt;
          await manager.update(Customer, { id: existing.id }, { ...fields, ip } as QueryDeepPartialEntity<Customer>);
          const updated = await this.findOrFail(accountId, existing.id, manager);
          await this.events.record(manager, accountId, 'customer:updated', toCustomerResponse(updated));
          return { customer: updated, created: false };
        }
      }
      const customer = Object.assign(await this.insert(manager, accountId, params, ip), { company, tagLinks: [] });
      await this.events.record(manager, accountId, 'customer:created', toCustomerResponse(customer));
      return { customer, created: true };
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

  private insert(
    manager: EntityManager,
    accountId: string,
    params: CreateCustomerParams,
    ip: string,
  ): Promise<Customer> {
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

  private async companyOrFail(manager: EntityManager, accountId: string, id: string): Promise<Company> {
    const company = await manager.findOneBy(Company, { id, accountId });
    if (!company) throw invalidFields({ company_id: ['does not exist'] });
    return company;
  }
}

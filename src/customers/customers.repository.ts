import { countCapped } from '../common/queries/count-capped';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { PageQuery } from '../common/pagination/page-query.dto';
import { KeysetOrder, keysetBatches, paginate } from '../common/pagination/paginate';
import { findJoined } from '../common/queries/find-joined';
import { EntityColumns } from '../common/queries/entity-columns';
import { pageArrays, queryArrays } from '../common/queries/hot-query';
import { Company } from '../companies/entities/company.entity';
import { Tag } from '../tags/entities/tag.entity';
import { containsPattern } from '../common/queries/like';
import { Conversation } from '../conversations/entities/conversation.entity';
import { CustomerTag } from '../tags/entities/tag-links.entity';
import { CustomerFilters, CustomerSort, IdentifyCustomerQuery } from './dto/list-customers.query';
import { Customer } from './entities/customer.entity';

const CONTAINS_FILTERS = ['name', 'email', 'host', 'phone'] as const;
const SEARCHED_COLUMNS = ['name', 'email', 'phone', 'externalId'] as const;

/** Keyset orders per sort; `name` sorts NULL names as "" so the keyset never meets a NULL. */
const SORTS: Record<CustomerSort, Omit<KeysetOrder<Customer>, 'direction' | 'key'>> = {
  last_seen_at: { column: 'c.lastSeenAt', idColumn: 'c.id', read: (c) => [c.lastSeenAt, c.id] },
  created_at: { column: 'c.createdAt', idColumn: 'c.id', read: (c) => [c.createdAt, c.id] },
  updated_at: { column: 'c.updatedAt', idColumn: 'c.id', read: (c) => [c.updatedAt, c.id] },
  name: { column: `COALESCE(c.name, '')`, idColumn: 'c.id', read: (c) => [c.name ?? '', c.id], type: 'text' },
};

const WITH_ASSOCIATIONS = { company: true, tagLinks: { tag: true } } as const;

/**
 * The customer reads (a hot path of the API): the list in both shapes, its export, identify, the upsert
 * lookup. The keyset list and its expansions are read with EntityColumns (see MessagesRepository).
 */
@Injectable()
export class CustomersRepository {
  private readonly columns: {
    customer: EntityColumns<Customer>;
    company: EntityColumns<Company>;
    conversation: EntityColumns<Conversation>;
    tag: EntityColumns<Tag>;
  };

  constructor(@InjectRepository(Customer) private readonly customers: Repository<Customer>) {
    this.columns = {
      customer: EntityColumns.of(customers, Customer, 'c'),
      company: EntityColumns.of(customers, Company, 'co'),
      conversation: EntityColumns.of(customers, Conversation, 'conv'),
      tag: EntityColumns.of(customers, Tag, 't'),
    };
  }

  /** A keyset page, each customer with its company: two queries (the page, a capped count). */
  page(accountId: string, filters: CustomerFilters & PageQuery): Promise<Page<Customer>> {
    const { customer, company } = this.columns;
    return paginate(this.filtered(accountId, filters).select('c.id'), this.orderOf(filters), filters, async (keys) => {
      const rows = await pageArrays(
        keys,
        (page) => `SELECT ${customer.select}, ${company.select} FROM ${page} JOIN customers c ON c.id = page.id
          LEFT JOIN companies co ON co.id = c.company_id ORDER BY page.position`,
      );
      return rows.map((row) => {
        const found = customer.read(row)!;
        found.company = company.read(row, customer.width);
        return found;
      });
    });
  }

  /** How many customers match, up to TOTAL_CAP (the page-number shape reports it; pages past it are unreachable). */
  count(accountId: string, filters: CustomerFilters): Promise<number> {
    return countCapped(this.withCompany(accountId, filters));
  }

  /** `limit` customers from `offset`, in the sort's order, each with its company (page numbers). */
  slice(accountId: string, filters: CustomerFilters, offset: number, limit: number): Promise<Customer[]> {
    const order = this.orderOf(filters);
    const direction = order.direction ?? 'DESC';
    return this.withCompany(accountId, filters)
      .orderBy(order.column, direction)
      .addOrderBy(order.idColumn, direction)
      .offset(offset)
      .limit(limit)
      .getMany();
  }

  /** Every match in the sort's order, `batchSize` at a time (the CSV export). */
  batches(accountId: string, filters: CustomerFilters): AsyncGenerator<Customer[]> {
    return keysetBatches(this.filtered(accountId, filters), this.orderOf(filters));
  }

  /** The most recently updated customer with this external_id (and email/host, case-insensitive, if given). */
  async identify(accountId: string, query: IdentifyCustomerQuery): Promise<string | null> {
    const rows = this.customers
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.accountId = :accountId AND c.externalId = :externalId', { accountId, externalId: query.external_id });
    // Papercups compares these with ILIKE on the raw value: case-insensitive equality.
    if (query.email) rows.andWhere(`c.email ILIKE :email`, { email: containsPattern(query.email).slice(1, -1) });
    if (query.host) rows.andWhere(`c.host ILIKE :host`, { host: containsPattern(query.host).slice(1, -1) });
    const match = await rows.orderBy('c.updatedAt', 'DESC').addOrderBy('c.id', 'DESC').getOne();
    return match?.id ?? null;
  }

  /** One customer with its company and tags. */
  findWithAssociations(accountId: string, id: string, manager: EntityManager = this.customers.manager) {
    return findJoined(manager, Customer, { id, accountId }, WITH_ASSOCIATIONS);
  }

  /**
   * The id of the customer an upsert by `external_id` updates (the most recently updated one), after
   * taking a transaction-scoped advisory lock on (account, external_id): concurrent upserts of one
   * external_id queue up here, so exactly one of them inserts.
   */
  async lockAndFindByExternalId(manager: EntityManager, accountId: string, externalId: string) {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `customers:${accountId}:${externalId}`,
    ]);
    const existing = await manager.findOne(Customer, {
      select: { id: true },
      where: { accountId, externalId },
      order: { updatedAt: 'DESC', id: 'DESC' },
    });
    return existing?.id ?? null;
  }

  /** Each customer's latest conversation (by activity), for a page of customers: one query. */
  async latestConversations(accountId: string, customerIds: string[]): Promise<Map<string, Conversation>> {
    if (!customerIds.length) return new Map();
    const rows = await queryArrays(
      this.customers.manager,
      `SELECT DISTINCT ON (conv.customer_id) ${this.columns.conversation.select}
       FROM conversations conv WHERE conv.account_id = $1 AND conv.customer_id = ANY($2::uuid[])
       ORDER BY conv.customer_id, conv.last_activity_at DESC, conv.id DESC`,
      [accountId, customerIds],
    );
    const latest = rows.map((row) => this.columns.conversation.read(row)!);
    return new Map(latest.map((conversation) => [conversation.customerId!, conversation]));
  }

  /** The tag links (with their tags) of many customers, oldest first: one query. */
  async tagsOf(customerIds: string[]): Promise<Map<string, CustomerTag[]>> {
    const groups = new Map<string, CustomerTag[]>(customerIds.map((id) => [id, []]));
    if (!customerIds.length) return groups;
    const rows = await queryArrays(
      this.customers.manager,
      `SELECT ct.customer_id, ${this.columns.tag.select}
       FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
       WHERE ct.customer_id = ANY($1::uuid[]) ORDER BY ct.created_at, ct.id`,
      [customerIds],
    );
    for (const row of rows) {
      groups.get(row[0] as string)?.push({ tag: this.columns.tag.read(row, 1)! } as CustomerTag);
    }
    return groups;
  }

  private withCompany(accountId: string, filters: CustomerFilters) {
    return this.filtered(accountId, filters).leftJoinAndSelect('c.company', 'company');
  }

  private filtered(accountId: string, filters: CustomerFilters): SelectQueryBuilder<Customer> {
    const rows = this.customers.createQueryBuilder('c').where('c.accountId = :accountId', { accountId });
    for (const field of CONTAINS_FILTERS) {
      const value = filters[field];
      if (value !== undefined) rows.andWhere(`c.${field} ILIKE :${field}`, { [field]: containsPattern(value) });
    }
    if (filters.external_id !== undefined) {
      rows.andWhere('c.externalId = :externalId', { externalId: filters.external_id });
    }
    if (filters.company_id !== undefined) rows.andWhere('c.companyId = :companyId', { companyId: filters.company_id });
    this.search(rows, filters.q);
    return applyDateRange(rows, 'c', filters);
  }

  /** `q`: every word must match; `key:value` is `metadata->>'key' = 'value'` as in Papercups. */
  private search(rows: SelectQueryBuilder<Customer>, q: string | undefined) {
    const words = (q ?? '').split(/\s+/).filter(Boolean);
    words.forEach((word, i) => {
      const pair = /^([^:]+):(.+)$/.exec(word);
      if (pair) {
        rows.andWhere(`c.metadata ->> :qKey${i} = :qValue${i}`, { [`qKey${i}`]: pair[1], [`qValue${i}`]: pair[2] });
        return;
      }
      rows.andWhere(
        new Brackets((any) => {
          for (const column of SEARCHED_COLUMNS) any.orWhere(`c.${column} ILIKE :q${i}`);
        }),
        { [`q${i}`]: containsPattern(word) },
      );
    });
  }

  private orderOf(filters: CustomerFilters): KeysetOrder<Customer> {
    const sort = filters.sort ?? '-last_seen_at';
    const name = sort.replace(/^-/, '') as CustomerSort;
    return { ...SORTS[name], direction: sort.startsWith('-') ? 'DESC' : 'ASC', key: sort };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { Brackets, In, Repository, SelectQueryBuilder } from 'typeorm';
import { applyDateRange } from '../common/pagination/date-range';
import { containsPattern } from '../common/pagination/like';
import { NumberedPage } from '../common/pagination/numbered-page';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../common/pagination/page-query.dto';
import { KeysetOrder, keysetBatches, paginate } from '../common/pagination/paginate';
import { Conversation } from '../conversations/entities/conversation.entity';
import { CustomerTag } from '../tags/entities/tag-links.entity';
import { CUSTOMER_CSV_HEADER, toCustomerCsvRow } from './customer.csv';
import { toCustomerResponse } from './customer.mapper';
import { CustomerFilters, CustomerSort, IdentifyCustomerQuery, ListCustomersQuery } from './dto/list-customers.query';
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

/** Papercups parses `page`/`page_size` leniently: a leading integer counts ("2x" is 2), anything else is the default. */
const leadingInt = (value: string | undefined, fallback: number) => {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isNaN(parsed) || parsed < 1 ? fallback : parsed;
};

/** Reading customers: the list (cursor or page-number shape), its CSV export, identify. */
@Injectable()
export class CustomerListService {
  constructor(
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(CustomerTag) private readonly tagLinks: Repository<CustomerTag>,
  ) {}

  /** With company, tags and latest conversation: four queries per page in either shape. */
  async list(accountId: string, query: ListCustomersQuery) {
    const rows = this.filtered(accountId, query).leftJoinAndSelect('c.company', 'company');
    const order = this.orderOf(query);
    if (query.page === undefined && query.page_size === undefined) {
      const page = await paginate(rows, order, query);
      return page.map(await this.renderer(accountId, page.data));
    }
    const pageSize = Math.min(leadingInt(query.page_size, DEFAULT_LIMIT), MAX_LIMIT);
    const totalEntries = await rows.clone().getCount();
    const pageNumber = Math.min(leadingInt(query.page, 1), NumberedPage.totalPages(totalEntries, pageSize));
    const direction = order.direction ?? 'DESC';
    const data = await rows
      .orderBy(order.column, direction)
      .addOrderBy(order.idColumn, direction)
      .offset((pageNumber - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    return new NumberedPage(data, pageNumber, pageSize, totalEntries).map(await this.renderer(accountId, data));
  }

  /** Every matching customer as CSV, read 500 at a time, so memory stays flat however many match. */
  exportCsv(accountId: string, query: CustomerFilters): Readable {
    const rows = this.filtered(accountId, query);
    const order = this.orderOf(query);
    async function* lines() {
      yield CUSTOMER_CSV_HEADER;
      for await (const batch of keysetBatches(rows, order)) {
        yield batch.map((customer) => `\r\n${toCustomerCsvRow(customer)}`).join('');
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }

  /** The most recently updated customer of the account with this external_id (and email/host if given). */
  async identify(accountId: string, query: IdentifyCustomerQuery): Promise<{ customer_id: string | null }> {
    const rows = this.customers
      .createQueryBuilder('c')
      .select('c.id')
      .where('c.accountId = :accountId AND c.externalId = :externalId', { accountId, externalId: query.external_id });
    // Papercups compares these with ILIKE on the raw value: case-insensitive equality.
    if (query.email) rows.andWhere(`c.email ILIKE :email`, { email: containsPattern(query.email).slice(1, -1) });
    if (query.host) rows.andWhere(`c.host ILIKE :host`, { host: containsPattern(query.host).slice(1, -1) });
    const match = await rows.orderBy('c.updatedAt', 'DESC').addOrderBy('c.id', 'DESC').getOne();
    return { customer_id: match?.id ?? null };
  }

  private filtered(accountId: string, query: CustomerFilters): SelectQueryBuilder<Customer> {
    const rows = this.customers.createQueryBuilder('c').where('c.accountId = :accountId', { accountId });
    for (const field of CONTAINS_FILTERS) {
      const value = query[field];
      if (value !== undefined) rows.andWhere(`c.${field} ILIKE :${field}`, { [field]: containsPattern(value) });
    }
    if (query.external_id !== undefined) rows.andWhere('c.externalId = :externalId', { externalId: query.external_id });
    if (query.company_id !== undefined) rows.andWhere('c.companyId = :companyId', { companyId: query.company_id });
    this.search(rows, query.q);
    return applyDateRange(rows, 'c', query);
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

  private orderOf(query: CustomerFilters): KeysetOrder<Customer> {
    const sort = query.sort ?? '-last_seen_at';
    const name = sort.replace(/^-/, '') as CustomerSort;
    return { ...SORTS[name], direction: sort.startsWith('-') ? 'DESC' : 'ASC', key: sort };
  }

  private async renderer(accountId: string, page: Customer[]) {
    const ids = page.map((c) => c.id);
    const [latest, tags] = await Promise.all([this.latestConversations(accountId, ids), this.tagsOf(ids)]);
    return (c: Customer) =>
      toCustomerResponse(
        Object.assign(c, { tagLinks: tags.get(c.id) ?? [] }),
        latest.has(c.id) ? [latest.get(c.id)!] : [],
      );
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

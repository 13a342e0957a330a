import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { unprocessable } from '../common/errors';
import { NumberedPage } from '../common/pagination/numbered-page';
import { Page } from '../common/pagination/page';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../common/pagination/page-query.dto';
import { toCustomerListItemResponse } from './customer-list-item.mapper';
import { CUSTOMER_CSV_HEADER, toCustomerCsvRow } from './customer.csv';
import { CustomersRepository } from './customers.repository';
import { CustomerListItemResponse } from './dto/customer-list-item.response';
import { CustomerIdentityResponse } from './dto/customer.response';
import { PLACEHOLDERS } from './dto/customer.dto';
import { CustomerFilters, IdentifyCustomerQuery, ListCustomersQuery } from './dto/list-customers.query';
import { Customer } from './entities/customer.entity';

/** Papercups parses `page`/`page_size` leniently: a leading integer counts ("2x" is 2), anything else is the default. */
const leadingInt = (value: string | undefined, fallback: number) => {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isNaN(parsed) || parsed < 1 ? fallback : parsed;
};

/** Reading customers: the list (cursor or page-number shape), its CSV export, identify. */
@Injectable()
export class CustomerListService {
  constructor(private readonly customers: CustomersRepository) {}

  /** With company, tags and latest conversation: four queries per page in either shape. */
  async list(
    accountId: string,
    query: ListCustomersQuery,
  ): Promise<Page<CustomerListItemResponse> | NumberedPage<CustomerListItemResponse>> {
    if (query.page === undefined && query.page_size === undefined) {
      const page = await this.customers.page(accountId, query);
      return page.map(await this.renderer(accountId, page.data));
    }
    const pageSize = Math.min(leadingInt(query.page_size, DEFAULT_LIMIT), MAX_LIMIT);
    const totalEntries = await this.customers.count(accountId, query);
    const pageNumber = Math.min(leadingInt(query.page, 1), NumberedPage.totalPages(totalEntries, pageSize));
    const data = await this.customers.slice(accountId, query, (pageNumber - 1) * pageSize, pageSize);
    return new NumberedPage(data, pageNumber, pageSize, totalEntries).map(await this.renderer(accountId, data));
  }

  /** Every matching customer as CSV, read 500 at a time, so memory stays flat however many match. */
  exportCsv(accountId: string, query: CustomerFilters): Readable {
    const batches = this.customers.batches(accountId, query);
    async function* lines() {
      yield CUSTOMER_CSV_HEADER;
      for await (const batch of batches) yield batch.map((customer) => `\r\n${toCustomerCsvRow(customer)}`).join('');
    }
    return Readable.from(lines(), { objectMode: false });
  }

  /** The most recently updated customer of the account with this external_id (and email/host if given). */
  async identify(accountId: string, query: IdentifyCustomerQuery): Promise<CustomerIdentityResponse> {
    if (!query.external_id || PLACEHOLDERS.includes(query.external_id)) {
      throw unprocessable('The following parameters are required: external_id');
    }
    return { customer_id: await this.customers.identify(accountId, query) };
  }

  private async renderer(accountId: string, page: Customer[]) {
    const ids = page.map((c) => c.id);
    const [latest, tags] = await Promise.all([
      this.customers.latestConversations(accountId, ids),
      this.customers.tagsOf(ids),
    ]);
    return (c: Customer) =>
      toCustomerListItemResponse(Object.assign(c, { tagLinks: tags.get(c.id) ?? [] }), latest.get(c.id));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { assertIfMatch } from '../conditional-requests/if-match';
import { notFound } from '../common/errors';
import { paginate } from '../common/pagination/paginate';
import { applyDateRange, DateRangeQuery } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { toColumns } from '../common/validation/record-fields';
import { toCompanyResponse } from './company.mapper';
import { COMPANY_COLUMNS, CreateCompanyFields, UpdateCompanyFields } from './dto/company.dto';
import { CompanyResponse } from './dto/company.response';
import { Company } from './entities/company.entity';

@Injectable()
export class CompaniesService {
  constructor(@InjectRepository(Company) private readonly companies: Repository<Company>) {}

  /** Newest first. */
  async list(accountId: string, query: DateRangeQuery): Promise<Page<CompanyResponse>> {
    const rows = this.companies.createQueryBuilder('c').where('c.accountId = :accountId', { accountId });
    applyDateRange(rows, 'c', query);
    const page = await paginate(
      rows,
      { column: 'c.createdAt', idColumn: 'c.id', read: (c) => [c.createdAt, c.id] },
      query,
    );
    return page.map(toCompanyResponse);
  }

  async get(accountId: string, id: string): Promise<CompanyResponse> {
    return toCompanyResponse(await this.findOrFail(accountId, id));
  }

  async create(accountId: string, fields: CreateCompanyFields): Promise<CompanyResponse> {
    const company = this.companies.create({ ...toColumns(fields, COMPANY_COLUMNS), accountId });
    return toCompanyResponse(await this.companies.save(company));
  }

  update(accountId: string, id: string, fields: UpdateCompanyFields): Promise<CompanyResponse> {
    return this.companies.manager.transaction(async (manager) => {
      const company = await this.lockedOrFail(manager, accountId, id);
      const changes = toColumns(fields, COMPANY_COLUMNS);
      if (!Object.keys(changes).length) return toCompanyResponse(company);
      return toCompanyResponse(await manager.save(Object.assign(company, changes)));
    });
  }

  /** Its customers stay, with `company_id` set to null (ON DELETE SET NULL). */
  remove(accountId: string, id: string): Promise<void> {
    return this.companies.manager.transaction(async (manager) => {
      await this.lockedOrFail(manager, accountId, id);
      await manager.delete(Company, { id, accountId });
    });
  }

  /** The row to write, after the If-Match check (when the request has one). */
  private async lockedOrFail(manager: EntityManager, accountId: string, id: string): Promise<Company> {
    await assertIfMatch(manager, Company, { id, accountId }, async () =>
      toCompanyResponse(await this.findOrFail(accountId, id, manager)),
    );
    return this.findOrFail(accountId, id, manager);
  }

  private async findOrFail(accountId: string, id: string, manager = this.companies.manager): Promise<Company> {
    const company = await manager.findOneBy(Company, { id, accountId });
    if (!company) throw notFound();
    return company;
  }
}

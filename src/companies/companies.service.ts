import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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

  async update(accountId: string, id: string, fields: UpdateCompanyFields): Promise<CompanyResponse> {
    const company = await this.findOrFail(accountId, id);
    const changes = toColumns(fields, COMPANY_COLUMNS);
    if (!Object.keys(changes).length) return toCompanyResponse(company);
    return toCompanyResponse(await this.companies.save(Object.assign(company, changes)));
  }

  /** Its customers stay, with `company_id` set to null (ON DELETE SET NULL). */
  async remove(accountId: string, id: string): Promise<void> {
    const { affected } = await this.companies.delete({ id, accountId });
    if (!affected) throw notFound();
  }

  private async findOrFail(accountId: string, id: string): Promise<Company> {
    const company = await this.companies.findOneBy({ id, accountId });
    if (!company) throw notFound();
    return company;
  }
}

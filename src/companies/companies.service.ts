import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound } from '../common/errors';
import { paginate } from '../common/pagination/paginate';
import { applyDateRange, DateRangeQuery } from '../common/pagination/date-range';
import { toEntityFields } from '../common/serialization/fields';
import { toCompanyResponse } from './company.mapper';
import { CreateCompanyParams, UpdateCompanyParams } from './dto/company.dto';
import { Company } from './entities/company.entity';

@Injectable()
export class CompaniesService {
  constructor(@InjectRepository(Company) private readonly companies: Repository<Company>) {}

  /** Newest first. */
  async list(accountId: string, query: DateRangeQuery) {
    const rows = this.companies.createQueryBuilder('c').where('c.accountId = :accountId', { accountId });
    applyDateRange(rows, 'c', query);
    const page = await paginate(
      rows,
      { column: 'c.createdAt', idColumn: 'c.id', read: (c) => [c.createdAt, c.id] },
      query,
    );
    return page.map(toCompanyResponse);
  }

  async findOrFail(accountId: string, id: string): Promise<Company> {
    const company = await this.companies.findOneBy({ id, accountId });
    if (!company) throw notFound();
    return company;
  }

  create(accountId: string, params: CreateCompanyParams): Promise<Company> {
    return this.companies.save(this.companies.create({ ...toEntityFields<Company>(params), accountId }));
  }

  async update(accountId: string, id: string, params: UpdateCompanyParams): Promise<Company> {
    const company = await this.findOrFail(accountId, id);
    const changes = toEntityFields<Company>(params);
    if (!Object.keys(changes).length) return company;
    return this.companies.save(Object.assign(company, changes));
  }

  /** Its customers stay, with `company_id` set to null (ON DELETE SET NULL). */
  async remove(accountId: string, id: string): Promise<void> {
    const { affected } = await this.companies.delete({ id, accountId });
    if (!affected) throw notFound();
  }
}

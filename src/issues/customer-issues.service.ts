import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OkResponse } from '../common/dto/ok.response';
import { notFound } from '../common/errors';
import { Customer } from '../customers/entities/customer.entity';
import { CustomerIssue } from './entities/customer-issue.entity';
import { Issue } from './entities/issue.entity';

/**
 * Papercups' `POST /customers/:id/issues` and `DELETE /customers/:id/issues/:issue_id`, idempotent like
 * tagging: linking twice keeps one link, unlinking what is not linked is fine. Another account's customer or
 * issue is a 404 like a missing one.
 */
@Injectable()
export class CustomerIssuesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async link(accountId: string, customerId: string, issueId: string): Promise<OkResponse> {
    await this.bothOrFail(accountId, customerId, issueId);
    await this.db
      .createQueryBuilder()
      .insert()
      .into(CustomerIssue)
      .values({ accountId, customerId, issueId })
      .orIgnore()
      .execute();
    return { ok: true };
  }

  async unlink(accountId: string, customerId: string, issueId: string): Promise<OkResponse> {
    await this.bothOrFail(accountId, customerId, issueId);
    await this.db.manager.delete(CustomerIssue, { accountId, customerId, issueId });
    return { ok: true };
  }

  private async bothOrFail(accountId: string, customerId: string, issueId: string) {
    const [customer, issue] = await Promise.all([
      this.db.manager.existsBy(Customer, { id: customerId, accountId }),
      this.db.manager.existsBy(Issue, { id: issueId, accountId }),
    ]);
    if (!customer || !issue) throw notFound();
  }
}

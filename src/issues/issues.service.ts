import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors';
import { containsPattern } from '../common/pagination/like';
import { applyDateRange } from '../common/pagination/date-range';
import { paginate } from '../common/pagination/paginate';
import { assertInAccount } from '../common/references';
import { toEntityFields } from '../common/serialization/fields';
import { User } from '../users/entities/user.entity';
import { CreateIssueParams, IssueParams, ListIssuesQuery, UpdateIssueParams } from './dto/issue.dto';
import { Issue } from './entities/issue.entity';
import { toIssueResponse } from './issue.mapper';

@Injectable()
export class IssuesService {
  constructor(@InjectRepository(Issue) private readonly issues: Repository<Issue>) {}

  /** Newest first. */
  async list(user: AuthUser, query: ListIssuesQuery) {
    const rows = this.issues.createQueryBuilder('i').where('i.accountId = :accountId', { accountId: user.accountId });
    if (query.state) rows.andWhere('i.state = :state', { state: query.state });
    if (query.assignee_id === '') rows.andWhere('i.assigneeId IS NULL');
    else if (query.assignee_id !== undefined) {
      rows.andWhere('i.assigneeId = :assigneeId', {
        assigneeId: query.assignee_id === 'me' ? user.userId : Number(query.assignee_id),
      });
    }
    if (query.q) {
      rows.andWhere('(i.title ILIKE :q OR i.body ILIKE :q OR i.githubIssueUrl ILIKE :q)', {
        q: containsPattern(query.q),
      });
    }
    applyDateRange(rows, 'i', query);
    const page = await paginate(
      rows,
      { column: 'i.createdAt', idColumn: 'i.id', read: (i) => [i.createdAt, i.id] },
      query,
    );
    return page.map(toIssueResponse);
  }

  async findOrFail(accountId: string, id: string): Promise<Issue> {
    const issue = await this.issues.findOneBy({ id, accountId });
    if (!issue) throw notFound();
    return issue;
  }

  async create(user: AuthUser, params: CreateIssueParams): Promise<Issue> {
    await this.assertAssignee(user.accountId, params);
    return this.issues.save(
      this.issues.create({ ...toEntityFields<Issue>(params), accountId: user.accountId, creatorId: user.userId }),
    );
  }

  async update(accountId: string, id: string, params: UpdateIssueParams): Promise<Issue> {
    const issue = await this.findOrFail(accountId, id);
    await this.assertAssignee(accountId, params);
    const changes = toEntityFields<Issue>(params);
    if (!Object.keys(changes).length) return issue;
    return this.issues.save(Object.assign(issue, changes));
  }

  async remove(accountId: string, id: string): Promise<void> {
    const { affected } = await this.issues.delete({ id, accountId });
    if (!affected) throw notFound();
  }

  private async assertAssignee(accountId: string, params: IssueParams) {
    if (params.assignee_id)
      await assertInAccount(this.issues.manager, User, accountId, params.assignee_id, 'assignee_id');
  }
}

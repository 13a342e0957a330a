import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { assertIfMatch } from '../conditional-requests/if-match';
import { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/errors';
import { applyDateRange } from '../common/pagination/date-range';
import { Page } from '../common/pagination/page';
import { paginate } from '../common/pagination/paginate';
import { applyAssigneeFilter } from '../common/queries/assignee-filter';
import { containsPattern } from '../common/queries/like';
import { assertInAccount } from '../common/references';
import { toColumns } from '../common/validation/record-fields';
import { User } from '../users/entities/user.entity';
import { CreateIssueFields, ISSUE_COLUMNS, IssueFields, UpdateIssueFields } from './dto/issue.dto';
import { IssueResponse } from './dto/issue.response';
import { ListIssuesQuery } from './dto/list-issues.query';
import { Issue } from './entities/issue.entity';
import { toIssueResponse } from './issue.mapper';

@Injectable()
export class IssuesService {
  constructor(@InjectRepository(Issue) private readonly issues: Repository<Issue>) {}

  /** Newest first. */
  async list(user: AuthUser, query: ListIssuesQuery): Promise<Page<IssueResponse>> {
    const rows = this.issues.createQueryBuilder('i').where('i.accountId = :accountId', { accountId: user.accountId });
    if (query.state) rows.andWhere('i.state = :state', { state: query.state });
    applyAssigneeFilter(rows, 'i.assigneeId', query.assignee_id, user.userId);
    if (query.q) {
      rows.andWhere('(i.title ILIKE :q OR i.body ILIKE :q OR i.githubIssueUrl ILIKE :q)', {
        q: containsPattern(query.q),
      });
    }
    if (query.customer_id) {
      rows.andWhere(
        'EXISTS (SELECT 1 FROM customer_issues ci WHERE ci.issue_id = i.id AND ci.customer_id = :customerId)',
        { customerId: query.customer_id },
      );
    }
    applyDateRange(rows, 'i', query);
    const page = await paginate(
      rows,
      { column: 'i.createdAt', idColumn: 'i.id', read: (i) => [i.createdAt, i.id] },
      query,
    );
    return page.map(toIssueResponse);
  }

  async get(accountId: string, id: string): Promise<IssueResponse> {
    return toIssueResponse(await this.findOrFail(accountId, id));
  }

  async create(user: AuthUser, fields: CreateIssueFields): Promise<IssueResponse> {
    await this.assertAssignee(user.accountId, fields);
    const issue = this.issues.create({
      ...toColumns(fields, ISSUE_COLUMNS),
      accountId: user.accountId,
      creatorId: user.userId,
    });
    return toIssueResponse(await this.issues.save(issue));
  }

  update(accountId: string, id: string, fields: UpdateIssueFields): Promise<IssueResponse> {
    return this.issues.manager.transaction(async (manager) => {
      const issue = await this.lockedOrFail(manager, accountId, id);
      await this.assertAssignee(accountId, fields, manager);
      const changes = toColumns(fields, ISSUE_COLUMNS);
      if (!Object.keys(changes).length) return toIssueResponse(issue);
      return toIssueResponse(await manager.save(Object.assign(issue, changes)));
    });
  }

  remove(accountId: string, id: string): Promise<void> {
    return this.issues.manager.transaction(async (manager) => {
      await this.lockedOrFail(manager, accountId, id);
      await manager.delete(Issue, { id, accountId });
    });
  }

  /** The row to write, after the If-Match check (when the request has one). */
  private async lockedOrFail(manager: EntityManager, accountId: string, id: string): Promise<Issue> {
    await assertIfMatch(manager, Issue, { id, accountId }, async () =>
      toIssueResponse(await this.findOrFail(accountId, id, manager)),
    );
    return this.findOrFail(accountId, id, manager);
  }

  private async findOrFail(accountId: string, id: string, manager = this.issues.manager): Promise<Issue> {
    const issue = await manager.findOneBy(Issue, { id, accountId });
    if (!issue) throw notFound();
    return issue;
  }

  private async assertAssignee(accountId: string, fields: IssueFields, manager = this.issues.manager) {
    if (fields.assignee_id) {
      await assertInAccount(manager, User, accountId, fields.assignee_id, 'assignee_id');
    }
  }
}

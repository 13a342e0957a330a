import { toNaive, toUtc } from '../common/serialization/time';
import { IssueResponse } from './dto/issue.response';
import { Issue } from './entities/issue.entity';

/** Papercups' issue.json (no finished_at, no metadata). */
export const toIssueResponse = (issue: Issue): IssueResponse => ({
  id: issue.id,
  object: 'issue',
  account_id: issue.accountId,
  assignee_id: issue.assigneeId,
  body: issue.body,
  closed_at: toUtc(issue.closedAt),
  created_at: toNaive(issue.createdAt),
  creator_id: issue.creatorId,
  github_issue_url: issue.githubIssueUrl,
  state: issue.state,
  title: issue.title,
  updated_at: toNaive(issue.updatedAt),
});

import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import {
  IntId,
  JsonObject,
  NonNull,
  OneOf,
  Optional,
  Required,
  Text,
  Timestamp,
  Wrapper,
} from '../../common/validation/fields';
import type { Issue } from '../entities/issue.entity';
import { ISSUE_STATES, IssueState } from '../issue.enums';

/** Fields of an issue; `account_id` and `creator_id` are never settable. */
export class IssueFields extends RecordFields {
  @Optional() @Text(65_536) body?: string | null;
  @NonNull() @OneOf(ISSUE_STATES) state?: IssueState;
  @Optional() @Text(2048) github_issue_url?: string | null;
  @Optional() @IntId() assignee_id?: number | null;
  @Optional() @Timestamp() closed_at?: Date | null;
  @Optional() @Timestamp() finished_at?: Date | null;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

export class CreateIssueFields extends IssueFields {
  @Required() @Text() title!: string;
}

export class UpdateIssueFields extends IssueFields {
  @NonNull() @Text() title?: string;
}

export const ISSUE_COLUMNS: ColumnsOf<UpdateIssueFields, Issue> = {
  body: 'body',
  state: 'state',
  github_issue_url: 'githubIssueUrl',
  assignee_id: 'assigneeId',
  closed_at: 'closedAt',
  finished_at: 'finishedAt',
  metadata: 'metadata',
  title: 'title',
};

export class CreateIssueBody {
  @Wrapper(() => CreateIssueFields) issue!: CreateIssueFields;
}

export class UpdateIssueBody {
  @Wrapper(() => UpdateIssueFields) issue!: UpdateIssueFields;
}

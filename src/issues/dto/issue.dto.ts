import { IsOptional, Matches } from 'class-validator';
import { DateRangeQuery } from '../../common/pagination/date-range';
import { FieldParams } from '../../common/validation/field-params';
import {
  IntId,
  JsonObject,
  MSG,
  NonNull,
  OneOf,
  Optional,
  Required,
  Text,
  Timestamp,
  Wrapper,
} from '../../common/validation/fields';
import { ISSUE_STATES } from '../entities/issue.entity';

/** Fields of an issue; `account_id` and `creator_id` are never settable. */
export class IssueParams extends FieldParams {
  @Optional() @Text(65_536) body?: string | null;
  @NonNull() @OneOf(ISSUE_STATES) state?: string;
  @Optional() @Text(2048) github_issue_url?: string | null;
  @Optional() @IntId() assignee_id?: number | null;
  @Optional() @Timestamp() closed_at?: Date | null;
  @Optional() @Timestamp() finished_at?: Date | null;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

export class CreateIssueParams extends IssueParams {
  @Required() @Text() title!: string;
}

export class UpdateIssueParams extends IssueParams {
  @NonNull() @Text() title?: string;
}

export class CreateIssueBody {
  @Wrapper(() => CreateIssueParams) issue!: CreateIssueParams;
}

export class UpdateIssueBody {
  @Wrapper(() => UpdateIssueParams) issue!: UpdateIssueParams;
}

export class ListIssuesQuery extends DateRangeQuery {
  @Optional() @OneOf(ISSUE_STATES) state?: string;
  /** `""` = unassigned, `me` = the caller, or a user id. */
  @IsOptional() @Matches(/^(|me|\d{1,15})$/, { message: MSG.invalid }) assignee_id?: string;
  /** Case-insensitive "contains" over title, body and github_issue_url. */
  @Optional() @Text() q?: string;
}

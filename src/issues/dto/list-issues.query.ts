import { WholeListQuery } from '../../common/pagination/date-range';
import { AssigneeFilter } from '../../common/queries/assignee-filter';
import { OneOf, Optional, Text, Uuid } from '../../common/validation/fields';
import { ISSUE_STATES, IssueState } from '../issue.enums';

export class ListIssuesQuery extends WholeListQuery {
  @Optional() @OneOf(ISSUE_STATES) state?: IssueState;
  /** `""` = unassigned, `me` = the caller, or a user id. */
  @AssigneeFilter() assignee_id?: string;
  /** Case-insensitive "contains" over title, body and github_issue_url. */
  @Optional() @Text() q?: string;
  /** Issues linked to this customer (the dashboard's customer sidebar). */
  @Optional() @Uuid() customer_id?: string;
}

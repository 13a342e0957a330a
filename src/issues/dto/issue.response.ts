import { ApiSchema } from '@nestjs/swagger';
import {
  EnumProperty,
  Example,
  IntegerProperty,
  NaiveProperty,
  ObjectProperty,
  UtcProperty,
  UuidProperty,
} from '../../openapi/properties';
import { ISSUE_STATES, IssueState } from '../issue.enums';

/** Papercups' issue.json (no finished_at, no metadata). */
@ApiSchema({ name: 'Issue' })
export class IssueResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('issue') object!: 'issue';
  @UuidProperty() account_id!: string;
  @IntegerProperty() assignee_id!: number | null;
  body!: string | null;
  @UtcProperty() closed_at!: string | null;
  @NaiveProperty() created_at!: string;
  @IntegerProperty() creator_id!: number | null;
  github_issue_url!: string | null;
  @EnumProperty(ISSUE_STATES) state!: IssueState;
  @Example('Export fails on Safari') title!: string;
  @NaiveProperty() updated_at!: string;
}

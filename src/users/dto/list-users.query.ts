import { WholeListQuery } from '../../common/pagination/date-range';
import { OneOf, Optional, Text } from '../../common/validation/fields';
import { USER_ROLES, UserRole } from '../user.enums';

export class ListUsersQuery extends WholeListQuery {
  /** Exact (stored emails are lower-case). */
  @Optional() @Text() email?: string;
  @Optional() @OneOf(USER_ROLES) role?: UserRole;
}

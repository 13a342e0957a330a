import { DateRangeQuery } from '../../common/pagination/date-range';
import { FieldParams } from '../../common/validation/field-params';
import { Bool, NonNull, OneOf, Optional, Text, Wrapper } from '../../common/validation/fields';

export class ListUsersQuery extends DateRangeQuery {
  /** Exact (stored emails are lower-case). */
  @Optional() @Text() email?: string;
  @Optional() @OneOf(['admin', 'user']) role?: string;
}

/** `{"user_profile": {...}}`; `user_id` is always the caller. */
export class UserProfileParams extends FieldParams {
  @Optional() @Text() full_name?: string | null;
  @Optional() @Text() display_name?: string | null;
  @Optional() @Text(2048) profile_photo_url?: string | null;
  @Optional() @Text() slack_user_id?: string | null;
}

export class UserProfileBody {
  @Wrapper(() => UserProfileParams) user_profile!: UserProfileParams;
}

/** `{"user_settings": {...}}`; `user_id` is always the caller. */
export class UserSettingsParams extends FieldParams {
  @NonNull() @Bool() email_alert_on_new_message?: boolean;
  @NonNull() @Bool() email_alert_on_new_conversation?: boolean;
  @Optional() @Text() expo_push_token?: string | null;
}

export class UserSettingsBody {
  @Wrapper(() => UserSettingsParams) user_settings!: UserSettingsParams;
}

import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import { Bool, NonNull, Optional, Text, Wrapper } from '../../common/validation/fields';
import type { UserProfile } from '../entities/user-profile.entity';
import type { UserSettings } from '../entities/user-settings.entity';

/** `{"user_profile": {...}}`; `user_id` is always the caller. */
export class UserProfileFields extends RecordFields {
  @Optional() @Text() full_name?: string | null;
  @Optional() @Text() display_name?: string | null;
  @Optional() @Text(2048) profile_photo_url?: string | null;
  @Optional() @Text() slack_user_id?: string | null;
}

export const USER_PROFILE_COLUMNS: ColumnsOf<UserProfileFields, UserProfile> = {
  full_name: 'fullName',
  display_name: 'displayName',
  profile_photo_url: 'profilePhotoUrl',
  slack_user_id: 'slackUserId',
};

export class UserProfileBody {
  @Wrapper(() => UserProfileFields) user_profile!: UserProfileFields;
}

/** `{"user_settings": {...}}`; `user_id` is always the caller. */
export class UserSettingsFields extends RecordFields {
  @NonNull() @Bool() email_alert_on_new_message?: boolean;
  @NonNull() @Bool() email_alert_on_new_conversation?: boolean;
  @Optional() @Text() expo_push_token?: string | null;
}

export const USER_SETTINGS_COLUMNS: ColumnsOf<UserSettingsFields, UserSettings> = {
  email_alert_on_new_message: 'emailAlertOnNewMessage',
  email_alert_on_new_conversation: 'emailAlertOnNewConversation',
  expo_push_token: 'expoPushToken',
};

export class UserSettingsBody {
  @Wrapper(() => UserSettingsFields) user_settings!: UserSettingsFields;
}

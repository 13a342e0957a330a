import { UserSettingsResponse } from './dto/user-settings.response';
import { UserSettings } from './entities/user-settings.entity';

/** Papercups' user_settings.json. */
export const toUserSettingsResponse = (settings: UserSettings): UserSettingsResponse => ({
  id: settings.id,
  object: 'user_settings',
  email_alert_on_new_conversation: settings.emailAlertOnNewConversation,
  email_alert_on_new_message: settings.emailAlertOnNewMessage,
  expo_push_token: settings.expoPushToken,
  user_id: settings.userId,
});

import { ApiSchema } from '@nestjs/swagger';
import { IntegerProperty, ObjectProperty, UuidProperty } from '../../openapi/properties';

/** Papercups' user_settings.json. */
@ApiSchema({ name: 'UserSettings' })
export class UserSettingsResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('user_settings') object!: 'user_settings';
  email_alert_on_new_conversation!: boolean;
  email_alert_on_new_message!: boolean;
  expo_push_token!: string | null;
  @IntegerProperty() user_id!: number;
}

import { ApiSchema } from '@nestjs/swagger';
import { NaiveProperty, ObjectProperty, UtcProperty, UuidProperty } from '../../openapi/properties';

/** Papercups' user_invitation.json (`id` is the invite token), with `object` and `created_at`. */
@ApiSchema({ name: 'UserInvitation' })
export class UserInvitationResponse {
  @UuidProperty() id!: string;
  @ObjectProperty('user_invitation') object!: 'user_invitation';
  @UuidProperty() account_id!: string;
  @NaiveProperty() created_at!: string;
  /** An invitation is used up (its expiry set to the moment) when someone registers with it. */
  @UtcProperty() expires_at!: string;
}

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
import { USER_ROLES, UserRole } from '../user.enums';

/** Papercups' user.json; profile fields are null when the user has no profile. */
@ApiSchema({ name: 'User' })
export class UserResponse {
  @IntegerProperty() id!: number;
  @ObjectProperty('user') object!: 'user';
  @UtcProperty() archived_at!: string | null;
  @NaiveProperty() created_at!: string;
  @UtcProperty() disabled_at!: string | null;
  @Example('Alex') display_name!: string | null;
  @Example('agent@example.com') email!: string;
  @Example('Alex Agent') full_name!: string | null;
  profile_photo_url!: string | null;
  @EnumProperty(USER_ROLES) role!: UserRole;
}

/** `GET /api/me` and `/api/v1/me`: who is calling. */
@ApiSchema({ name: 'Me' })
export class MeResponse {
  @IntegerProperty() id!: number;
  @UuidProperty() account_id!: string;
  @Example('agent@example.com') email!: string;
  @EnumProperty(USER_ROLES) role!: UserRole;
}

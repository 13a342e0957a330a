import { ApiSchema } from '@nestjs/swagger';
import { Example, IntegerProperty, UuidProperty } from '../../openapi/properties';

/** Registration, login and renew: a 30-minute session token and a 30-day renew token. */
@ApiSchema({ name: 'SessionTokens' })
export class SessionTokensResponse {
  @IntegerProperty() user_id!: number;
  @Example('agent@example.com') email!: string;
  @UuidProperty() account_id!: string;
  @Example('pcs_3q2v…') token!: string;
  @Example('pcr_9xk1…') renew_token!: string;
}

/** Logout: `{}`. */
@ApiSchema({ name: 'Empty' })
export class EmptyResponse {}

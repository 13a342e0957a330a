import { ApiSchema } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { Bool, MSG, Wrapper } from '../../common/validation/fields';
import { RecordFields } from '../../common/validation/record-fields';
import { ObjectProperty } from '../../openapi/properties';

export class WidgetSecurityFields extends RecordFields {
  /** `https://shop.example.com` (scheme, host, optional port); an empty list accepts every origin. */
  @IsOptional()
  @IsArray({ message: MSG.invalid })
  @ArrayMaxSize(100, { message: 'has too many entries' })
  @Matches(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, { each: true, message: MSG.invalid })
  allowed_origins?: string[];
  @IsOptional() @Bool() identity_verification?: boolean;
  /** `true`: a new identity secret (the old one stops verifying at once). */
  @IsOptional() @Bool() rotate_identity_secret?: boolean;
}

export class UpdateWidgetSecurityBody {
  @Wrapper(() => WidgetSecurityFields) widget_security!: WidgetSecurityFields;
}

/** The account's widget security settings (this server only; Papercups has none). */
@ApiSchema({ name: 'WidgetSecurity' })
export class WidgetSecurityResponse {
  @ObjectProperty('widget_security') object!: 'widget_security';
  allowed_origins!: string[];
  identity_verification!: boolean;
  /** Give it to your backend to compute `user_hash` = hex HMAC-SHA256(secret, external_id); never to browsers. */
  identity_secret!: string | null;
}

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { RecordFields } from '../../common/validation/record-fields';
import { MSG, Optional, Required, Text, Wrapper } from '../../common/validation/fields';

/** Pow's rule: trimmed, lower-cased, a local part and a domain. */
const Email = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() || null : value)),
    IsString({ message: MSG.invalid }),
    MaxLength(255, { message: MSG.tooLong(255) }),
    Matches(/^[^\s@]{1,64}@[^\s@]+$/, { message: 'has invalid format' }),
  );

/** Pow's check, reported with the other field errors. */
const SameAsPassword = () =>
  ValidateBy({
    name: 'sameAsPassword',
    validator: {
      validate: (value, args) => value === (args?.object as { password?: unknown }).password,
      defaultMessage: () => 'does not match confirmation',
    },
  });

export class RegistrationFields extends RecordFields {
  @Required() @Email() email!: string;

  @Required()
  @IsString({ message: MSG.invalid })
  @MinLength(8, { message: 'should be at least 8 character(s)' })
  @MaxLength(4096, { message: MSG.tooLong(4096) })
  password!: string;

  @Required() @IsString({ message: MSG.invalid }) @SameAsPassword() password_confirmation!: string;

  /** Required, except with `invite_token` (the newcomer joins the inviting account). */
  @ValidateIf((fields: RegistrationFields) => fields.invite_token === undefined || fields.invite_token === null)
  @Required()
  @Text()
  company_name?: string;

  /** An invitation's id (`POST /api/user_invitations`): joins its account as a `user`; unknown or expired is a 403. */
  @Optional() @Text() invite_token?: string | null;
}

export class RegistrationBody {
  @Wrapper(() => RegistrationFields) user!: RegistrationFields;
}

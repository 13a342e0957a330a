import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RecordFields } from '../../common/validation/record-fields';
import { MSG, Required, Text, Wrapper } from '../../common/validation/fields';

/** Pow's rule: trimmed, lower-cased, a local part and a domain. */
const Email = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() || null : value)),
    IsString({ message: MSG.invalid }),
    MaxLength(255, { message: MSG.tooLong(255) }),
    Matches(/^[^\s@]{1,64}@[^\s@]+$/, { message: 'has invalid format' }),
  );

export class RegistrationFields extends RecordFields {
  @Required() @Email() email!: string;

  @Required()
  @IsString({ message: MSG.invalid })
  @MinLength(8, { message: 'should be at least 8 character(s)' })
  @MaxLength(4096, { message: MSG.tooLong(4096) })
  password!: string;

  @Required() @IsString({ message: MSG.invalid }) password_confirmation!: string;

  @Required() @Text() company_name!: string;
}

export class RegistrationBody {
  @Wrapper(() => RegistrationFields) user!: RegistrationFields;
}

import { IsString, MaxLength, MinLength } from 'class-validator';
import { RecordFields } from '../../common/validation/record-fields';
import { MSG, Required, Wrapper } from '../../common/validation/fields';

export class ChangePasswordFields extends RecordFields {
  @Required()
  @IsString({ message: MSG.invalid })
  @MaxLength(4096, { message: MSG.tooLong(4096) })
  current_password!: string;

  /** The registration rule. */
  @Required()
  @IsString({ message: MSG.invalid })
  @MinLength(8, { message: 'should be at least 8 character(s)' })
  @MaxLength(4096, { message: MSG.tooLong(4096) })
  password!: string;

  @Required() @IsString({ message: MSG.invalid }) password_confirmation!: string;
}

export class ChangePasswordBody {
  @Wrapper(() => ChangePasswordFields) user!: ChangePasswordFields;
}

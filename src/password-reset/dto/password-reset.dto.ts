import { IsString, MaxLength, MinLength } from 'class-validator';
import { RecordFields } from '../../common/validation/record-fields';
import { MSG, Required } from '../../common/validation/fields';

/** `POST /api/reset_password`, flat as the dashboard sends it: `{"email": "…"}`. */
export class RequestPasswordResetBody extends RecordFields {
  @Required() @IsString({ message: MSG.invalid }) @MaxLength(255, { message: MSG.tooLong(255) }) email!: string;
}

/** `PUT /api/reset_password`: `{"token", "password", "password_confirmation"}`. */
export class ResetPasswordBody extends RecordFields {
  @Required() @IsString({ message: MSG.invalid }) @MaxLength(512, { message: MSG.tooLong(512) }) token!: string;

  @Required()
  @IsString({ message: MSG.invalid })
  @MinLength(8, { message: 'should be at least 8 character(s)' })
  @MaxLength(4096, { message: MSG.tooLong(4096) })
  password!: string;

  @Required() @IsString({ message: MSG.invalid }) password_confirmation!: string;
}

/** `POST /api/verify_email`: `{"token": "…"}` from the link of the verification mail. */
export class VerifyEmailBody extends RecordFields {
  @Required() @IsString({ message: MSG.invalid }) @MaxLength(512, { message: MSG.tooLong(512) }) token!: string;
}

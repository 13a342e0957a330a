import { IsString } from 'class-validator';
import { RecordFields } from '../../common/validation/record-fields';
import { MSG, Required, Wrapper } from '../../common/validation/fields';

export class LoginFields extends RecordFields {
  @Required() @IsString({ message: MSG.invalid }) email!: string;
  @Required() @IsString({ message: MSG.invalid }) password!: string;
}

export class LoginBody {
  @Wrapper(() => LoginFields) user!: LoginFields;
}

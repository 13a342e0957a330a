import { IsString } from 'class-validator';
import { FieldParams } from '../../common/validation/field-params';
import { MSG, Required, Wrapper } from '../../common/validation/fields';

export class LoginParams extends FieldParams {
  @Required() @IsString({ message: MSG.invalid }) email!: string;
  @Required() @IsString({ message: MSG.invalid }) password!: string;
}

export class LoginBody {
  @Wrapper(() => LoginParams) user!: LoginParams;
}

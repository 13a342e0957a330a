import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { MSG } from '../../common/validation/fields';

/** `me`, or an account id (a UUID); anything else is a 400 like any malformed path id. */
export class AccountIdParam {
  @ApiProperty({ type: 'string', example: 'me' })
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: MSG.invalid })
  id!: string;
}

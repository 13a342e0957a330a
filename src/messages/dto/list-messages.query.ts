import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination/page-query.dto';
import { MSG } from '../../common/validation/fields';

export class ListMessagesQuery extends PageQuery {
  @IsOptional() @IsUUID('all', { message: MSG.invalid }) conversation_id?: string;
  @IsOptional() @IsUUID('all', { message: MSG.invalid }) customer_id?: string;
}

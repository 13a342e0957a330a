import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination/page-query.dto';
import { MSG } from '../../common/validation/fields';

const Filter = () =>
  applyDecorators(IsOptional(), IsString({ message: MSG.invalid }), MaxLength(255, { message: MSG.tooLong(255) }));

export class ListCustomersQuery extends PageQuery {
  /** Case-insensitive "contains" filters. */
  @Filter() name?: string;
  @Filter() email?: string;
  @Filter() host?: string;
  @Filter() phone?: string;
  /** Exact filters. */
  @Filter() external_id?: string;
  @IsOptional() @IsUUID('all', { message: MSG.invalid }) company_id?: string;
}

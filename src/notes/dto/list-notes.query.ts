import { IsOptional } from 'class-validator';
import { DateRangeQuery } from '../../common/pagination/date-range';
import { IntId, Uuid } from '../../common/validation/fields';

export class ListNotesQuery extends DateRangeQuery {
  @IsOptional() @Uuid() customer_id?: string;
  @IsOptional() @IntId() author_id?: number;
}

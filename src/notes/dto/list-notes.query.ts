import { IsOptional } from 'class-validator';
import { WholeListQuery } from '../../common/pagination/date-range';
import { IntId, Uuid } from '../../common/validation/fields';

export class ListNotesQuery extends WholeListQuery {
  @IsOptional() @Uuid() customer_id?: string;
  @IsOptional() @IntId() author_id?: number;
}

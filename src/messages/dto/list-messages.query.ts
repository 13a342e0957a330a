import { WholeListQuery } from '../../common/pagination/date-range';
import { Optional, Text, Uuid } from '../../common/validation/fields';

export class ListMessagesQuery extends WholeListQuery {
  @Optional() @Uuid() conversation_id?: string;
  @Optional() @Uuid() customer_id?: string;
  /** Messages whose body contains `q` (case-insensitive). */
  @Optional() @Text() q?: string;
}

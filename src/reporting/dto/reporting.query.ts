import { Optional, Timestamp } from '../../common/validation/fields';

/**
 * `from_date` and `to_date`: ISO 8601 timestamps (a date alone is midnight UTC), both required as in
 * Papercups (the controller answers its 400 when one is missing); records strictly between them count.
 */
export class ReportingQuery {
  @Optional() @Timestamp() from_date?: Date | null;
  @Optional() @Timestamp() to_date?: Date | null;
}

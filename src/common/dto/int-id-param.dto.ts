import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { MSG } from '../validation/fields';

/** An integer path id (users): anything else is a 400, never a 500. */
export class IntIdParam {
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value))
  @IsInt({ message: MSG.invalid })
  @Min(1, { message: MSG.invalid })
  @Max(Number.MAX_SAFE_INTEGER, { message: MSG.invalid })
  id!: number;
}

import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MSG } from '../validation/fields';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** `limit`: 1–100, default 50. */
export class LimitQuery {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value))
  @IsInt({ message: MSG.invalid })
  @Min(1, { message: MSG.invalid })
  @Max(MAX_LIMIT, { message: `should be at most ${MAX_LIMIT}` })
  limit?: number;
}

/** `limit` plus opaque `after` / `before` cursors from a previous page. */
export class PageQuery extends LimitQuery {
  @IsOptional() @IsString({ message: MSG.invalid }) after?: string;
  @IsOptional() @IsString({ message: MSG.invalid }) before?: string;
}

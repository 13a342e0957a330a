import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { MSG } from '../validation/fields';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
/** The most rows a list Papercups returns whole (users, messages, tags, issues, notes, companies) answers without `limit`. */
export const WHOLE_LIST_CEILING = 1000;

/** Digits become a number, at most MAX_LIMIT: Papercups' cursor lists clamp a larger `limit` instead of refusing it. */
const clampedLimit = ({ value }: { value: unknown }) => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && n > MAX_LIMIT ? MAX_LIMIT : n;
};

export class LimitQuery {
  /**
   * Rows per page, 1–100 (a larger value counts as 100). Default 50; lists Papercups returns whole (users,
   * messages, tags, issues, notes, companies) answer up to 1000 rows without it, with `next` when cut.
   */
  @IsOptional()
  @Transform(clampedLimit)
  @IsInt({ message: MSG.invalid })
  @Min(1, { message: MSG.invalid })
  limit?: number;
}

/** `limit` plus opaque `after` / `before` cursors from a previous page. */
export class PageQuery extends LimitQuery {
  @IsOptional() @IsString({ message: MSG.invalid }) after?: string;
  @IsOptional() @IsString({ message: MSG.invalid }) before?: string;
}

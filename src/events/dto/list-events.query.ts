import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MAX_LIMIT } from '../../common/pagination/page-query.dto';
import { MSG } from '../../common/validation/fields';
import { EVENT_TYPES } from '../event-types';

/** `after` is an event cursor (an integer), not a list cursor; `type` may be comma-separated or repeated. */
export class ListEventsQuery {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value))
  @IsInt({ message: MSG.invalid })
  @Min(1, { message: MSG.invalid })
  @Max(MAX_LIMIT, { message: `should be at most ${MAX_LIMIT}` })
  limit?: number;

  @IsOptional() @IsString({ message: MSG.invalid }) after?: string;
  /** Event types, comma-separated (`type=a,b`) or repeated (`type=a&type=b`); an unknown one is a 400. */
  @ApiPropertyOptional({ type: [String], enum: EVENT_TYPES })
  @IsOptional()
  @IsString({ each: true, message: MSG.invalid })
  type?: string | string[];
}

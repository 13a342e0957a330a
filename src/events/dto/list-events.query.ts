import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { LimitQuery } from '../../common/pagination/page-query.dto';
import { MSG } from '../../common/validation/fields';
import { EVENT_TYPES } from '../event-types';

/** `after` is an event cursor (an integer), not a list cursor; `type` may be comma-separated or repeated. */
export class ListEventsQuery extends LimitQuery {
  @IsOptional() @IsString({ message: MSG.invalid }) after?: string;
  /** Event types, comma-separated (`type=a,b`) or repeated (`type=a&type=b`); an unknown one is a 400. */
  @ApiPropertyOptional({ type: [String], enum: EVENT_TYPES })
  @IsOptional()
  @IsString({ each: true, message: MSG.invalid })
  type?: string | string[];
}

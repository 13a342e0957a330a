import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DateRangeQuery } from '../../common/pagination/date-range';
import { MSG } from '../../common/validation/fields';

const Filter = () =>
  applyDecorators(IsOptional(), IsString({ message: MSG.invalid }), MaxLength(255, { message: MSG.tooLong(255) }));

/** Sortable columns; `-` in front sorts descending. */
export const CUSTOMER_SORTS = ['last_seen_at', 'created_at', 'updated_at', 'name'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** The customer filters: shared by the list, its CSV export and the page-number shape. */
export class CustomerFilters extends DateRangeQuery {
  /** Case-insensitive "contains" filters. */
  @Filter() name?: string;
  @Filter() email?: string;
  @Filter() host?: string;
  @Filter() phone?: string;
  /** Exact filters. */
  @Filter() external_id?: string;
  @IsOptional() @IsUUID('all', { message: MSG.invalid }) company_id?: string;
  /** Words, all required: `key:value` matches `metadata.key`; other words match name, email, phone or external_id. */
  @Filter() q?: string;
  /** `last_seen_at` (default `-last_seen_at`), `created_at`, `updated_at`, `name`; `-` for descending. */
  @IsOptional() @IsIn(CUSTOMER_SORTS.flatMap((s) => [s, `-${s}`]), { message: MSG.invalid }) sort?: string;
}

export class ListCustomersQuery extends CustomerFilters {
  /** Papercups' page-number pagination: either one switches the response to its shape. */
  @IsOptional() @IsString({ message: MSG.invalid }) @Matches(/^\S{0,20}$/, { message: MSG.invalid }) page?: string;
  @IsOptional() @IsString({ message: MSG.invalid }) @Matches(/^\S{0,20}$/, { message: MSG.invalid }) page_size?: string;
  /** `csv` exports every matching customer as CSV. */
  @IsOptional() @IsIn(['csv', 'json'], { message: MSG.invalid }) format?: string;
}

export class IdentifyCustomerQuery {
  @Filter() external_id?: string;
  @Filter() email?: string;
  @Filter() host?: string;
}

export class CreateCustomerQuery {
  /** `true`: update the account's customer with the same `external_id` instead of inserting one. */
  @IsOptional() @IsIn(['true', 'false'], { message: MSG.invalid }) upsert?: string;
}

/** `GET /customers/:id`: Papercups' `expand[]=...`; `issues` adds the linked issues (others are always there or ignored). */
export class ShowCustomerQuery {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsString({ each: true, message: MSG.invalid })
  expand?: string | string[];
}

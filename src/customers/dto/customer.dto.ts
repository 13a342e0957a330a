import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { ColumnsOf, RecordFields } from '../../common/validation/record-fields';
import {
  CalendarDate,
  Int,
  JsonObject,
  MSG,
  Optional,
  Text,
  Timestamp,
  Uuid,
  Wrapper,
} from '../../common/validation/fields';
import type { Customer } from '../entities/customer.entity';

/** Clients send numeric external ids; Papercups stores them as strings. */
const ExternalId = () =>
  applyDecorators(
    Transform(({ value }) =>
      value === '' ? null : typeof value === 'number' && Number.isInteger(value) ? String(value) : value,
    ),
    IsString({ message: MSG.invalid }),
    MaxLength(255, { message: MSG.tooLong(255) }),
  );

/** Fields a client may set on a customer (create and update). `account_id` is never one of them. */
export class CustomerFields extends RecordFields {
  @Optional() @Text() name?: string | null;
  @Optional() @Text() email?: string | null;
  @Optional() @Text() phone?: string | null;
  @Optional() @ExternalId() external_id?: string | null;
  @Optional() @Text(2048) profile_photo_url?: string | null;
  @Optional() @Uuid() company_id?: string | null;
  @Optional() @Text() browser?: string | null;
  @Optional() @Text() browser_version?: string | null;
  @Optional() @Text() browser_language?: string | null;
  @Optional() @Text() os?: string | null;
  @Optional() @Text(2048) current_url?: string | null;
  @Optional() @Text() host?: string | null;
  @Optional() @Text(2048) pathname?: string | null;
  @Optional() @Int() screen_height?: number | null;
  @Optional() @Int() screen_width?: number | null;
  @Optional() @Text() lib?: string | null;
  @Optional() @Text() time_zone?: string | null;
  @Optional() @CalendarDate() first_seen?: string | null;
  @Optional() @Timestamp() last_seen_at?: Date | null;
  @Optional() @JsonObject() metadata?: Record<string, unknown> | null;
}

/** What Papercups' widget and client libraries send for "no value" (`String(null)`, `String(undefined)`). */
export const PLACEHOLDERS: readonly unknown[] = ['null', 'undefined'];

/** Papercups' sanitize step for new customers (what its widget and client libraries send). */
export class CreateCustomerFields extends CustomerFields {
  @Transform(({ value }) => (PLACEHOLDERS.includes(value) ? null : value))
  email?: string | null = undefined;

  @Transform(({ value }) => (PLACEHOLDERS.includes(value) ? null : value))
  external_id?: string | null = undefined;

  @Transform(({ value }) => (typeof value === 'string' && value.length > 255 ? `${value.slice(0, 250)}...` : value))
  current_url?: string | null = undefined;

  /** A non-object `metadata` is dropped on create, not rejected. */
  @Transform(({ value }) =>
    value === null || (typeof value === 'object' && !Array.isArray(value)) ? value : undefined,
  )
  metadata?: Record<string, unknown> | null = undefined;
}

export class UpdateCustomerFields extends CustomerFields {
  @Optional() @Text(64) ip?: string | null;
}

export const CUSTOMER_COLUMNS: ColumnsOf<UpdateCustomerFields, Customer> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  external_id: 'externalId',
  profile_photo_url: 'profilePhotoUrl',
  company_id: 'companyId',
  browser: 'browser',
  browser_version: 'browserVersion',
  browser_language: 'browserLanguage',
  os: 'os',
  current_url: 'currentUrl',
  host: 'host',
  pathname: 'pathname',
  screen_height: 'screenHeight',
  screen_width: 'screenWidth',
  lib: 'lib',
  time_zone: 'timeZone',
  first_seen: 'firstSeen',
  last_seen_at: 'lastSeenAt',
  metadata: 'metadata',
  ip: 'ip',
};

export class CreateCustomerBody {
  @Wrapper(() => CreateCustomerFields) customer!: CreateCustomerFields;
}

export class UpdateCustomerBody {
  @Wrapper(() => UpdateCustomerFields) customer!: UpdateCustomerFields;
}

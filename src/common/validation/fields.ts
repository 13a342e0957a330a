import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { isCalendarDate, parseTimestamp } from './timestamp';

/** Ecto's messages, which Papercups clients already show to people. */
export const MSG = {
  blank: "can't be blank",
  invalid: 'is invalid',
  required: 'is required',
  tooLong: (max: number) => `should be at most ${max} character(s)`,
  tooLarge: 'is too large',
} as const;

/** PostgreSQL cannot store NUL in text or jsonb; such input is refused as invalid rather than failing the write. */
const NoNul = () =>
  ValidateBy({
    name: 'noNul',
    validator: {
      validate: (value) => typeof value !== 'string' || !value.includes('\u0000'),
      defaultMessage: () => MSG.invalid,
    },
  });

/** Limits of a `metadata` object (documented in the README): serialized size, nesting depth. */
export const METADATA_LIMITS = { maxBytes: 16 * 1024, maxDepth: 5 } as const;

function withinJsonLimits(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return !value.includes('\u0000');
  if (value === null || typeof value !== 'object') return true;
  if (depth > METADATA_LIMITS.maxDepth) return false;
  const children = Array.isArray(value) ? value : Object.entries(value).flat();
  return children.every((child) => withinJsonLimits(child, depth + 1));
}

const JsonLimits = () =>
  ValidateBy({
    name: 'jsonLimits',
    validator: {
      validate: (value) =>
        value === null ||
        value === undefined ||
        (typeof value === 'object' &&
          Buffer.byteLength(JSON.stringify(value)) <= METADATA_LIMITS.maxBytes &&
          withinJsonLimits(value, 1)),
      defaultMessage: () => MSG.tooLarge,
    },
  });

type Transformer = (value: unknown) => unknown;

/** Ecto casts "" to nil for every field; form bodies can only send strings. */
const cast = (fn: Transformer = (v) => v) =>
  Transform(({ value }) => (value === '' ? null : fn(value)), { toClassOnly: true });

const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
const toBoolean: Transformer = (v) => (typeof v === 'string' && v in BOOLEANS ? BOOLEANS[v] : v);
const toInteger: Transformer = (v) => (typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : v);
/** A string that is a timestamp becomes its Date (see parseTimestamp); anything else stays for IsDate to refuse. */
const toTimestamp: Transformer = (v) => (typeof v === 'string' ? (parseTimestamp(v) ?? v) : v);

/**
 * What the OpenAPI document cannot infer from the TypeScript type (enums, formats, lengths). `required`
 * is left to the Swagger plugin, which reads it from the `?` of each property. A decorator that documents
 * anything names the type too: without it @nestjs/swagger takes the emitted design type, which is `Object`
 * for `string | null`, and the field would be documented as an untyped object.
 */
const doc = (options: ApiPropertyOptions) => ApiProperty(options);

/** Present and not null. */
export const Required = () => applyDecorators(IsDefined({ message: MSG.blank }));
/** May be absent or null. */
export const Optional = () => IsOptional();

export const Text = (max = 255) =>
  applyDecorators(
    doc({ type: 'string', maxLength: max }),
    cast(),
    IsString({ message: MSG.invalid }),
    NoNul(),
    MaxLength(max, { message: MSG.tooLong(max) }),
  );

export const OneOf = (values: readonly string[]) =>
  applyDecorators(doc({ type: 'string', enum: [...values] }), cast(), IsIn(values, { message: MSG.invalid }));

export const Bool = () => applyDecorators(cast(toBoolean), IsBoolean({ message: MSG.invalid }));

export const Uuid = () =>
  applyDecorators(doc({ type: 'string', format: 'uuid' }), cast(), IsUUID('all', { message: MSG.invalid }));

/** Integer ids (users); form bodies send them as digit strings. */
export const IntId = () =>
  applyDecorators(
    doc({ type: 'integer', minimum: 1 }),
    cast(toInteger),
    IsInt({ message: MSG.invalid }),
    Min(1, { message: MSG.invalid }),
  );

export const Int = (min = 0) =>
  applyDecorators(
    doc({ type: 'integer', minimum: min }),
    cast(toInteger),
    IsInt({ message: MSG.invalid }),
    Min(min, { message: MSG.invalid }),
  );

export const Timestamp = () =>
  applyDecorators(doc({ type: 'string', format: 'date-time' }), cast(toTimestamp), IsDate({ message: MSG.invalid }));

export const CalendarDate = () =>
  applyDecorators(
    doc({ type: 'string', format: 'date' }),
    cast((v) => (typeof v === 'string' ? v.slice(0, 10) : v)),
    IsString({ message: MSG.invalid }),
    ValidateBy({
      name: 'calendarDate',
      validator: { validate: (v) => typeof v === 'string' && isCalendarDate(v), defaultMessage: () => MSG.invalid },
    }),
  );

/** A JSON object of at most METADATA_LIMITS (16 KiB serialized, 5 levels deep, no NUL characters). */
export const JsonObject = () => applyDecorators(cast(), IsObject({ message: MSG.invalid }), JsonLimits());

/** The `{"conversation": {...}}` wrapper: required, an object, validated field by field. */
export const Wrapper = (type: () => new () => object) =>
  applyDecorators(
    IsDefined({ message: MSG.required }),
    IsObject({ message: MSG.invalid }),
    ValidateNested(),
    Type(type),
  );

/** An optional nested object inside the fields (e.g. a conversation's initial `message`). */
export const Nested = (type: () => new () => object) =>
  applyDecorators(IsOptional(), IsObject({ message: MSG.invalid }), ValidateNested(), Type(type));

/** May be absent, but not null: fields the record cannot lack (`status`, `customer_id` on update). */
export const NonNull = () =>
  applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsDefined({ message: MSG.blank }),
  );

import { ApiProperty } from '@nestjs/swagger';
import { NAIVE_PATTERN, UTC_PATTERN } from '../common/serialization/time';

/**
 * What the Swagger plugin cannot infer from a response class's TypeScript types: formats, patterns,
 * integers, enums and examples. It already reads `required` from `?`, `nullable` from `| null`, nested
 * classes and descriptions from the comments; the document builder makes every response schema strict.
 */
export const EXAMPLE_UUID = '0e2d5b0c-5a4a-4d3b-9b8e-2f6e3f1c9a10';

export const UuidProperty = () => ApiProperty({ type: 'string', format: 'uuid', example: EXAMPLE_UUID });

/** `inserted_at`-style (Ecto naive_datetime): "2021-02-24T17:24:37", UTC, no zone. */
export const NaiveProperty = () =>
  ApiProperty({ type: 'string', pattern: NAIVE_PATTERN, example: '2021-02-24T17:24:37' });

/** `:utc_datetime`: "2021-02-24T17:24:37Z". */
export const UtcProperty = () => ApiProperty({ type: 'string', pattern: UTC_PATTERN, example: '2021-02-24T17:24:37Z' });

/** A calendar date, "2021-02-24". */
export const DateProperty = () => ApiProperty({ type: 'string', format: 'date', example: '2021-02-24' });

export const IntegerProperty = (example = 1) => ApiProperty({ type: 'integer', example });

export const NumberProperty = () => ApiProperty({ type: 'number', example: 42.5 });

/** One of `values` (the first is the example). */
export const EnumProperty = (values: readonly string[]) =>
  ApiProperty({ type: 'string', enum: [...values], example: values[0] });

/** The `object` discriminator every record carries (`"object": "tag"`). */
export const ObjectProperty = (value: string) => EnumProperty([value]);

/** An example value; a string one also says the type (`string | null` has no runtime type to infer it from). */
export const Example = (example: unknown) =>
  ApiProperty({ ...(typeof example === 'string' ? { type: 'string' } : {}), example });

/** A client's free-form `metadata` object, or null. */
export const MetadataProperty = () =>
  ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: { plan: 'pro' } });

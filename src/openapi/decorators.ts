import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiExtension, ApiNoContentResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import type { SchemaName } from './schemas';

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` }) as SchemaObject;

/** `{"data": <schema>}`: what the envelope interceptor sends for a bare object. */
export const ApiData = (name: SchemaName, status: number = HttpStatus.OK, description = 'OK') =>
  ApiResponse({
    status,
    description,
    schema: { type: 'object', additionalProperties: false, required: ['data'], properties: { data: ref(name) } },
  });

const cursorPage = (name: SchemaName): SchemaObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['data', 'next', 'previous', 'limit', 'total'],
  properties: {
    data: { type: 'array', items: ref(name) },
    next: { type: 'string', nullable: true, example: null, description: 'Cursor of the next page.' },
    previous: { type: 'string', nullable: true, example: null, description: 'Cursor of the previous page.' },
    limit: { type: 'integer', example: 50 },
    total: { type: 'integer', example: 1, description: 'Matching records, counted up to 10 000.' },
  },
});

/** Papercups' page-number shape (Scrivener), chosen by `page` or `page_size`. */
const numberedPage = (name: SchemaName): SchemaObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['data', 'page_number', 'page_size', 'total_pages', 'total_entries'],
  properties: {
    data: { type: 'array', items: ref(name) },
    page_number: { type: 'integer', example: 1 },
    page_size: { type: 'integer', example: 50 },
    total_pages: { type: 'integer', example: 1, description: '1 when nothing matches.' },
    total_entries: { type: 'integer', example: 1 },
  },
});

export interface PageOptions {
  /** `page`/`page_size` switch to Papercups' page-number shape. */
  pageNumbers?: boolean;
  /** `format=csv` answers `text/csv` instead: this example (header line first). */
  csv?: string;
}

/** A list page: `{"data": [...], "next", "previous", "limit", "total"}` (or the page-number shape, or CSV). */
export const ApiPage = (name: SchemaName, options: PageOptions = {}) =>
  ApiResponse({
    status: HttpStatus.OK,
    description:
      'A page; pass `after=<next>` or `before=<previous>` for the neighbouring ones.' +
      (options.pageNumbers ? ' With `page` or `page_size`: the page-number shape instead.' : '') +
      (options.csv ? ' With `format=csv`: every match as CSV (`text/csv`).' : ''),
    content: {
      'application/json': {
        schema: options.pageNumbers ? { oneOf: [cursorPage(name), numberedPage(name)] } : cursorPage(name),
      },
      ...(options.csv ? { 'text/csv': { schema: { type: 'string' }, example: options.csv } } : {}),
    },
  });

/** Server-Sent Events (`text/event-stream`), not JSON. */
export const ApiEventStream = (description: string, example: string) =>
  ApiResponse({
    status: HttpStatus.OK,
    description,
    content: { 'text/event-stream': { schema: { type: 'string' }, example } },
  });

/** `{"data":{"ok":true}}` with 200. */
export const ApiOk = () => ApiData('Ok');

/**
 * A route this server answers only with 422 `"<name> integration not configured"` (Papercups' integration
 * passthroughs): no success response is documented, and `x-not-configured` says why.
 */
export const ApiNotConfigured = (name: string) =>
  applyDecorators(
    ApiOperation({ summary: `Not available here: always 422 "${name} integration not configured".` }),
    ApiExtension('x-not-configured', true),
    ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      `This server keeps no ${name} authorization.`,
      `${name} integration not configured`,
    ),
  );

/** A create: `201` with `{"data": ...}` and the new record's `Location`. */
export const ApiCreated = (name: SchemaName) =>
  applyDecorators(
    ApiResponse({
      status: HttpStatus.CREATED,
      description: 'Created',
      headers: { Location: { description: 'Path of the new record.', schema: { type: 'string' } } },
      schema: { type: 'object', additionalProperties: false, required: ['data'], properties: { data: ref(name) } },
    }),
  );

export const ApiDeleted = () => ApiNoContentResponse({ description: 'Deleted (no body).' });

/** A bare body, not wrapped in `data` (health probes). */
export const ApiBare = (name: SchemaName, status: number = HttpStatus.OK, description = 'OK') =>
  ApiResponse({ status, description, schema: ref(name) });

/** `{"data": [...]}`: a short unpaginated list. */
export const ApiDataList = (name: SchemaName) =>
  ApiResponse({
    status: HttpStatus.OK,
    description: 'OK',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['data'],
      properties: { data: { type: 'array', items: ref(name) } },
    },
  });

/**
 * An error this route answers beyond the usual ones (those are added to every operation in openapi.ts);
 * `message`, when given, is the example's exact message.
 */
export const ApiError = (status: number, description: string, message?: string) =>
  ApiResponse({
    status,
    description,
    schema: ref('ErrorEnvelope'),
    ...(message ? { example: { error: { status, message, request_id: '6f1c1f5e-7c2a-4f0e-a3c1-5d7e9b2f4a11' } } } : {}),
  });

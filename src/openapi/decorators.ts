import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiNoContentResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { ErrorEnvelope } from '../common/dto/error-envelope.response';
import { OkResponse } from '../common/dto/ok.response';

/** A response class (`src/<resource>/dto/<resource>.response.ts`): its schema is generated from the class. */
type Model = Type<unknown>;

const ref = (model: Model) => ({ $ref: getSchemaPath(model) }) as SchemaObject;

/** `{"data": <schema>}`: what the envelope interceptor sends for a bare object. */
const data = (items: SchemaObject): SchemaObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: { data: items },
});

export const ApiData = (model: Model, status: number = HttpStatus.OK, description = 'OK') =>
  applyDecorators(ApiExtraModels(model), ApiResponse({ status, description, schema: data(ref(model)) }));

/** `{"data": ...}` or `{"data": null}` when there is nothing to show (not a 404: the parent exists). */
export const ApiDataOrNull = (model: Model) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: HttpStatus.OK,
      description: 'OK (`data` is null when there is none)',
      schema: data({ anyOf: [ref(model), { type: 'object', nullable: true, enum: [null] }] }),
    }),
  );

const cursorPage = (model: Model): SchemaObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['data', 'next', 'previous', 'limit', 'total'],
  properties: {
    data: { type: 'array', items: ref(model) },
    next: { type: 'string', nullable: true, example: null, description: 'Cursor of the next page.' },
    previous: { type: 'string', nullable: true, example: null, description: 'Cursor of the previous page.' },
    limit: { type: 'integer', example: 50 },
    total: { type: 'integer', example: 1, description: 'Matching records, counted up to 10 000.' },
  },
});

/** Papercups' page-number shape (Scrivener), chosen by `page` or `page_size`. */
const numberedPage = (model: Model): SchemaObject => ({
  type: 'object',
  additionalProperties: false,
  required: ['data', 'page_number', 'page_size', 'total_pages', 'total_entries'],
  properties: {
    data: { type: 'array', items: ref(model) },
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
export const ApiPage = (model: Model, options: PageOptions = {}) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: HttpStatus.OK,
      description:
        'A page; pass `after=<next>` or `before=<previous>` for the neighbouring ones.' +
        (options.pageNumbers ? ' With `page` or `page_size`: the page-number shape instead.' : '') +
        (options.csv ? ' With `format=csv`: every match as CSV (`text/csv`).' : ''),
      content: {
        'application/json': {
          schema: options.pageNumbers ? { oneOf: [cursorPage(model), numberedPage(model)] } : cursorPage(model),
        },
        ...(options.csv ? { 'text/csv': { schema: { type: 'string' }, example: options.csv } } : {}),
      },
    }),
  );

/** Server-Sent Events (`text/event-stream`), not JSON. */
export const ApiEventStream = (description: string, example: string) =>
  ApiResponse({
    status: HttpStatus.OK,
    description,
    content: { 'text/event-stream': { schema: { type: 'string' }, example } },
  });

/** `{"data":{"ok":true}}` with 200. */
export const ApiOk = () => ApiData(OkResponse);

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

/**
 * A Papercups integration passthrough that this server answers as Papercups does for an account without
 * that integration: 200 with `{"data": null}` (Slack) or `{"data": []}` (GitHub), so the official clients'
 * calls resolve instead of throwing.
 */
export const ApiUnconnected = (name: string, empty: null | []) =>
  applyDecorators(
    ApiOperation({ summary: `No ${name} authorization here: always 200 with ${JSON.stringify({ data: empty })}.` }),
    ApiResponse({
      status: HttpStatus.OK,
      description: `What Papercups answers for an account without a ${name} authorization.`,
      schema: data(
        empty === null
          ? { type: 'object', nullable: true, additionalProperties: true, description: 'Always null here.' }
          : { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Always empty here.' },
      ),
      example: { data: empty },
    }),
  );

/** A create: `201` with `{"data": ...}` and the new record's `Location`. */
export const ApiCreated = (model: Model) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: HttpStatus.CREATED,
      description: 'Created',
      headers: { Location: { description: 'Path of the new record.', schema: { type: 'string' } } },
      schema: data(ref(model)),
    }),
  );

export const ApiDeleted = () => ApiNoContentResponse({ description: 'Deleted (no body).' });

/** A bare body, not wrapped in `data` (health probes). */
export const ApiBare = (model: Model, status: number = HttpStatus.OK, description = 'OK') =>
  applyDecorators(ApiExtraModels(model), ApiResponse({ status, description, schema: ref(model) }));

/** `{"data": [...]}`: a short unpaginated list. */
export const ApiDataList = (model: Model) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({ status: HttpStatus.OK, description: 'OK', schema: data({ type: 'array', items: ref(model) }) }),
  );

/**
 * An error this route answers beyond the usual ones (those are added to every operation in openapi.ts);
 * `message`, when given, is the example's exact message.
 */
export const ApiError = (status: number, description: string, message?: string) =>
  ApiResponse({
    status,
    description,
    schema: ref(ErrorEnvelope),
    ...(message ? { example: { error: { status, message, request_id: '6f1c1f5e-7c2a-4f0e-a3c1-5d7e9b2f4a11' } } } : {}),
  });

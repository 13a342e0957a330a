import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiNoContentResponse, ApiResponse } from '@nestjs/swagger';
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

/** A list page: `{"data": [...], "next", "previous", "limit", "total"}`. */
export const ApiPage = (name: SchemaName) =>
  ApiResponse({
    status: HttpStatus.OK,
    description: 'A page; pass `after=<next>` or `before=<previous>` for the neighbouring ones.',
    schema: {
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
    },
  });

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

/** An error this route answers beyond the usual ones (those are added to every operation in openapi.ts). */
export const ApiError = (status: number, description: string) =>
  ApiResponse({ status, description, schema: ref('ErrorEnvelope') });

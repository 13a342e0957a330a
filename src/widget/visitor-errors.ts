import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiError } from '../openapi/decorators';

/** What every widget route may answer besides its success (see VisitorAccess). */
export const ApiVisitorErrors = ({ write = false, required }: { write?: boolean; required?: string } = {}) =>
  applyDecorators(
    ApiError(HttpStatus.FORBIDDEN, "The request's Origin is not one of the account's allowed origins."),
    ApiError(HttpStatus.NOT_FOUND, 'No such account (or customer of the account).'),
    ...(required ? [ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'A required parameter is missing.', required)] : []),
    ...(write
      ? [ApiError(HttpStatus.TOO_MANY_REQUESTS, 'Too many public writes from this IP or for this account.')]
      : []),
  );

import { BadRequestException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

export type FieldErrors = { [field: string]: string[] | FieldErrors };

/** Missing and foreign records answer alike, so ids of other accounts cannot be probed. */
export const notFound = () => new NotFoundException({ message: 'Not found' });

/** 422 with an Ecto-style field tree: {"error":{"status":422,"message":"Unprocessable Entity","errors":{...}}}. */
export const invalidFields = (errors: FieldErrors) =>
  new UnprocessableEntityException({ message: 'Unprocessable Entity', errors });

export const unprocessable = (message: string) => new UnprocessableEntityException({ message });

export const badRequest = (message: string, errors?: FieldErrors) =>
  new BadRequestException(errors ? { message, errors } : { message });

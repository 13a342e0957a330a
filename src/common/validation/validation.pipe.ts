import { ValidationError, ValidationPipe } from '@nestjs/common';
import { badRequest, FieldErrors, invalidFields } from '../errors';
import { RecordFields } from './record-fields';
import { MSG } from './fields';

/** One message per field, the most basic first: missing, then of the wrong type, then out of range. */
function messagesOf(error: ValidationError): string[] {
  const messages = [...new Set(Object.values(error.constraints ?? {}))];
  const first = [MSG.blank, MSG.required, MSG.invalid].find((message) => messages.includes(message));
  return first ? [first] : messages.slice(0, 1);
}

function toTree(errors: ValidationError[]): FieldErrors {
  const tree: FieldErrors = {};
  for (const error of errors) {
    tree[error.property] = error.children?.length ? toTree(error.children) : messagesOf(error);
  }
  return tree;
}

/** Field errors (422) from the first RecordFields level down; anything above it is a 400. */
function toException(errors: ValidationError[]) {
  const fieldErrors: ValidationError[] = [];
  const requestErrors: ValidationError[] = [];
  const walk = (list: ValidationError[]) => {
    for (const error of list) {
      if (error.target instanceof RecordFields) fieldErrors.push(error);
      else if (error.constraints && Object.keys(error.constraints).length) requestErrors.push(error);
      else walk(error.children ?? []);
    }
  };
  walk(errors);
  if (requestErrors.length || !fieldErrors.length) {
    const first = requestErrors[0];
    const message =
      first && messagesOf(first)[0] === 'is required' ? `Missing parameter: ${first.property}` : 'Bad Request';
    return badRequest(message, toTree(requestErrors));
  }
  return invalidFields(toTree(fieldErrors));
}

export const createValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: false,
    validationError: { target: true, value: false },
    exceptionFactory: toException,
  });

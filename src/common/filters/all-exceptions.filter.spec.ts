import { BadRequestException, HttpException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../errors';
import { AllExceptionsFilter } from './all-exceptions.filter';

/** What the filter sends for `exception`: status, headers and body, and what it logged. */
function render(exception: unknown) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string>; logged: string[] } = {
    headers: {},
    logged: [],
  };
  const adapter = {
    setHeader: (_response: unknown, name: string, value: string) => (sent.headers[name] = value),
    reply: (_response: unknown, body: unknown, status: number) => Object.assign(sent, { body, status }),
  };
  const request = {
    id: 'req-1',
    log: {
      warn: (_e: unknown, message: string) => sent.logged.push(`warn ${message}`),
      error: (_e: unknown, message: string) => sent.logged.push(`error ${message}`),
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }) };
  new AllExceptionsFilter({ httpAdapter: adapter } as unknown as HttpAdapterHost).catch(exception, host as never);
  return sent;
}

const pgError = (code: string, message = 'pg error') =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error(message), { code }));

describe('AllExceptionsFilter: one envelope for every thrown value', () => {
  it('renders HttpExceptions with their own message, errors, code and retry_after', () => {
    expect(render(new NotFoundException({ message: 'Not found' }))).toEqual({
      status: 404,
      body: { error: { status: 404, message: 'Not found', request_id: 'req-1' } },
      headers: {},
      logged: [],
    });
    expect(
      render(
        new UnprocessableEntityException({ message: 'Unprocessable Entity', errors: { name: ["can't be blank"] } }),
      ).body,
    ).toEqual({
      error: {
        status: 422,
        message: 'Unprocessable Entity',
        errors: { name: ["can't be blank"] },
        request_id: 'req-1',
      },
    });
    expect(render(new HttpException({ code: 401, message: 'Not authenticated' }, 401)).body).toEqual({
      error: { code: 401, status: 401, message: 'Not authenticated', request_id: 'req-1' },
    });
    expect(render(new HttpException({ message: 'Too Many Requests: retry in 7 s', retry_after: 7 }, 429)).body).toEqual(
      {
        error: { status: 429, message: 'Too Many Requests: retry in 7 s', retry_after: 7, request_id: 'req-1' },
      },
    );
  });

  it("answers Nest's unknown-route 404 and message-less exceptions with the default wording", () => {
    expect(render(new NotFoundException('Cannot GET /nope')).body).toEqual({
      error: { status: 404, message: 'Not found', request_id: 'req-1' },
    });
    expect(render(new HttpException('', 405)).body).toEqual({
      error: { status: 405, message: 'Method Not Allowed', request_id: 'req-1' },
    });
  });

  it("uses Fastify's parser errors' own meaning", () => {
    const wrapped = (code: string, status: number) =>
      new HttpException('x', status, { cause: Object.assign(new Error(), { code }) });
    expect(render(wrapped('FST_ERR_CTP_INVALID_JSON_BODY', 400)).body).toEqual({
      error: { status: 400, message: 'Malformed JSON body', request_id: 'req-1' },
    });
    expect(render(wrapped('FST_ERR_CTP_BODY_TOO_LARGE', 413)).body).toEqual({
      error: { status: 413, message: 'Request body is too large', request_id: 'req-1' },
    });
    expect(render(wrapped('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415)).body).toEqual({
      error: {
        status: 415,
        message: 'Unsupported Media Type: send application/json or application/x-www-form-urlencoded',
        request_id: 'req-1',
      },
    });
  });

  it.each([
    ['22P02', 400, 'Bad Request'],
    ['22001', 422, 'A value is too long'],
    ['22003', 422, 'A number is out of range'],
    ['23502', 422, 'A required value is missing'],
    ['23503', 422, 'A referenced record does not exist'],
    ['23505', 422, 'A record with these values already exists'],
    ['23514', 422, 'A value is invalid'],
    ['22021', 422, 'A value contains a character that cannot be stored'],
    ['22P05', 422, 'A value contains a character that cannot be stored'],
    ['54000', 422, 'A value is too large'],
  ])('maps PostgreSQL error %s to %i "%s", unlogged', (code, status, message) => {
    expect(render(pgError(code))).toEqual({
      status,
      body: { error: { status, message, request_id: 'req-1' } },
      headers: {},
      logged: [],
    });
  });

  it('answers 503 with Retry-After when the database is unreachable, and logs a warning', () => {
    expect(render(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toEqual({
      status: 503,
      body: {
        error: {
          status: 503,
          message: 'Service Unavailable: the database is unreachable, retry shortly',
          retry_after: 1,
          request_id: 'req-1',
        },
      },
      headers: { 'retry-after': '1' },
      logged: ['warn database unavailable'],
    });
  });

  it('answers anything else with a bare 500 and logs it as an error', () => {
    for (const thrown of [
      new Error('secret internals'),
      pgError('42P01', 'relation "x" does not exist'),
      'a string',
      undefined,
    ]) {
      expect(render(thrown)).toEqual({
        status: 500,
        body: { error: { status: 500, message: 'Internal Server Error', request_id: 'req-1' } },
        headers: {},
        logged: ['error unhandled error'],
      });
    }
  });

  it('keeps a BadRequestException with field errors whole', () => {
    expect(
      render(new BadRequestException({ message: 'Invalid cursor', errors: { after: ['is invalid'] } })).body,
    ).toEqual({
      error: { status: 400, message: 'Invalid cursor', errors: { after: ['is invalid'] }, request_id: 'req-1' },
    });
  });
});

describe('isDatabaseUnavailable', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });

  it.each([
    ['ECONNREFUSED'],
    ['ECONNRESET'],
    ['ETIMEDOUT'],
    ['EPIPE'],
    ['ENOTFOUND'],
    ['EAI_AGAIN'],
    ['08006'], // connection_failure
    ['08001'], // sqlclient_unable_to_establish_sqlconnection
    ['57P01'], // admin_shutdown
    ['57P02'], // crash_shutdown
    ['57P03'], // cannot_connect_now
  ])('is true for code %s', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it.each([['57P04'], ['23505'], ['22P02'], ['42P01'], ['EACCES'], ['']])('is false for code %j', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(false);
  });

  it.each([
    ['Connection terminated unexpectedly'],
    ['timeout exceeded when trying to connect'],
    ['Client has encountered a connection error and is not queryable'],
    ['Connection is not established with postgres database'],
    ['the database system is starting up'],
    ['the database system is shutting down'],
    ['the database system is in recovery mode'],
  ])('is true for the message %j', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it('follows driverError and cause, at most five levels down', () => {
    const refused = withCode('ECONNREFUSED');
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], refused))).toBe(true);
    let wrapped: unknown = refused;
    for (let i = 0; i < 4; i++) wrapped = new Error('wrapper', { cause: wrapped });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapper', { cause: wrapped }))).toBe(false);
  });

  it('is false for anything that is not an error object', () => {
    for (const value of [undefined, null, 'ECONNREFUSED', 42, {}]) expect(isDatabaseUnavailable(value)).toBe(false);
  });
});

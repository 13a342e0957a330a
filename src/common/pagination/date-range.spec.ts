import { BadRequestException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createValidationPipe } from '../validation/validation.pipe';
import { applyDateRange, DateRangeQuery } from './date-range';

/** The query exactly as a list route receives it: through the app's validation pipe. */
const parse = (query: Record<string, string>) =>
  createValidationPipe().transform(query, { type: 'query', metatype: DateRangeQuery }) as Promise<DateRangeQuery>;

async function rejection(query: Record<string, string>) {
  const error = await parse(query).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  return (error as BadRequestException).getResponse();
}

describe('DateRangeQuery', () => {
  it.each([
    ['2021-02-24', '2021-02-24T00:00:00.000Z'], // a date is its UTC midnight
    ['2021-02-24T17:24:37Z', '2021-02-24T17:24:37.000Z'],
    ['2021-02-24T17:24:37', '2021-02-24T17:24:37.000Z'], // no offset: UTC, as Ecto's :utc_datetime casts
    ['2021-02-24 17:24:37', '2021-02-24T17:24:37.000Z'], // a space for the T
    ['2021-02-24T17:24', '2021-02-24T17:24:00.000Z'],
    ['2021-02-24T17:24:37.123456Z', '2021-02-24T17:24:37.123Z'],
    ['2021-02-24T17:24:37+02:00', '2021-02-24T15:24:37.000Z'],
    ['2021-02-24T17:24:37-0530', '2021-02-24T22:54:37.000Z'],
    ['2021-02-24 17:24:37+01:00', '2021-02-24T16:24:37.000Z'],
  ])('reads %s as %s', async (value, iso) => {
    const query = await parse({ created_after: value });
    expect(query.created_after).toBeInstanceOf(Date);
    expect(query.created_after!.toISOString()).toBe(iso);
  });

  it('reads all four bounds, and "" as no bound', async () => {
    const query = await parse({
      created_after: '2021-01-01',
      created_before: '2021-02-01T00:00:00Z',
      updated_after: '',
      updated_before: '2021-03-01T12:00:00',
    });
    expect({ ...query }).toEqual({
      created_after: new Date('2021-01-01T00:00:00Z'),
      created_before: new Date('2021-02-01T00:00:00Z'),
      updated_after: null,
      updated_before: new Date('2021-03-01T12:00:00Z'),
    });
  });

  it.each([
    ['yesterday'],
    ['1614187477'], // epoch seconds are not ISO 8601
    ['2021-13-01'],
    ['2021-02-24T17:60:00Z'],
    ['2021-02-24T17:24:37+02'], // an offset needs its minutes
    ['2021/02/24'],
    ['24.02.2021'],
    [' 2021-02-24'],
  ])('answers 400 for %j', async (value) => {
    expect(await rejection({ updated_before: value })).toEqual({
      message: 'Bad Request',
      errors: { updated_before: ['is invalid'] },
    });
  });

  it('reports every bad bound at once, beside the page parameters', async () => {
    expect(await rejection({ created_after: 'x', updated_after: 'y', limit: '0' })).toEqual({
      message: 'Bad Request',
      errors: { created_after: ['is invalid'], updated_after: ['is invalid'], limit: ['is invalid'] },
    });
  });
});

describe('applyDateRange', () => {
  // A query builder that is never run: only its SQL and parameters are read.
  const rows = () => new DataSource({ type: 'postgres' }).createQueryBuilder().select('c.id').from('customers', 'c');

  it('adds one exclusive bound per given parameter, named after the alias', () => {
    const [sql, parameters] = applyDateRange(rows(), 'c', {
      created_after: new Date('2021-01-01T00:00:00Z'),
      created_before: new Date('2021-02-01T00:00:00Z'),
      updated_after: new Date('2021-01-15T00:00:00Z'),
      updated_before: new Date('2021-01-20T00:00:00Z'),
    }).getQueryAndParameters();
    expect(sql).toBe(
      'SELECT c.id FROM "customers" "c" WHERE c.createdAt > $1 AND c.createdAt < $2 AND c.updatedAt > $3 AND c.updatedAt < $4',
    );
    expect(parameters).toEqual([
      new Date('2021-01-01T00:00:00Z'),
      new Date('2021-02-01T00:00:00Z'),
      new Date('2021-01-15T00:00:00Z'),
      new Date('2021-01-20T00:00:00Z'),
    ]);
  });

  it('adds nothing for absent or null bounds', () => {
    const [sql, parameters] = applyDateRange(rows(), 'c', {
      created_after: null,
      updated_before: new Date('2021-01-20T00:00:00Z'),
    }).getQueryAndParameters();
    expect(sql).toBe('SELECT c.id FROM "customers" "c" WHERE c.updatedAt < $1');
    expect(parameters).toEqual([new Date('2021-01-20T00:00:00Z')]);
    expect(applyDateRange(rows(), 'c', {}).getQueryAndParameters()).toEqual(['SELECT c.id FROM "customers" "c"', []]);
  });

  it('keeps two aliases apart in one query', () => {
    const query = applyDateRange(rows(), 'c', { created_after: new Date(0) });
    applyDateRange(query, 'm', { created_after: new Date(1000) });
    expect(query.getQueryAndParameters()).toEqual([
      'SELECT c.id FROM "customers" "c" WHERE c.createdAt > $1 AND m.createdAt > $2',
      [new Date(0), new Date(1000)],
    ]);
  });
});

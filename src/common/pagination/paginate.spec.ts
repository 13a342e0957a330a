import { BadRequestException } from '@nestjs/common';
import { decode, encode, KeysetOrder, paginate } from './paginate';

const ID = '8a0bf163-f112-4f56-9fd3-55c6a43aa0ff';
const byActivity: KeysetOrder<never> = { column: 'c.last_activity_at', idColumn: 'c.id', read: () => ['', ''] };
const byUserTime: KeysetOrder<never> = { ...byActivity, key: 'users', numericId: true };
const byName: KeysetOrder<never> = { ...byActivity, column: 'name', type: 'text' };

/** base64url of the JSON array [sort key, value, id]. */
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The 400 a bad cursor answers, as the error filter renders it. */
function rejection(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return { status: (error as BadRequestException).getStatus(), body: (error as BadRequestException).getResponse() };
  }
  throw new Error('no exception');
}

describe('keyset cursors', () => {
  it('encodes [sort key, ISO value, id] as base64url JSON', () => {
    expect(encode(byActivity, [new Date('2021-02-24T17:24:37.123Z'), ID])).toBe(
      'WyJjLmxhc3RfYWN0aXZpdHlfYXQiLCIyMDIxLTAyLTI0VDE3OjI0OjM3LjEyM1oiLCI4YTBiZjE2My1mMTEyLTRmNTYtOWZkMy01NWM2YTQzYWEwZmYiXQ',
    );
    // `key` names the sort instead of the column; text values and integer ids go in as they are.
    expect(encode(byUserTime, ['2021-02-24T17:24:37.000Z', 42])).toBe(
      'WyJ1c2VycyIsIjIwMjEtMDItMjRUMTc6MjQ6MzcuMDAwWiIsNDJd',
    );
    expect(encode(byName, ['Acme', ID])).toBe(
      'WyJuYW1lIiwiQWNtZSIsIjhhMGJmMTYzLWYxMTItNGY1Ni05ZmQzLTU1YzZhNDNhYTBmZiJd',
    );
  });

  it('decodes what it encoded to [value, id]', () => {
    expect(decode(byActivity, encode(byActivity, [new Date('2021-02-24T17:24:37.123Z'), ID]), 'after')).toEqual([
      '2021-02-24T17:24:37.123Z',
      ID,
    ]);
    expect(decode(byUserTime, encode(byUserTime, ['2021-02-24T17:24:37.000Z', 42]), 'before')).toEqual([
      '2021-02-24T17:24:37.000Z',
      42,
    ]);
    expect(decode(byName, encode(byName, ['Acme', ID]), 'after')).toEqual(['Acme', ID]);
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['empty', ''],
    ['JSON but not an array', cursorOf({ value: '2021-02-24T17:24:37Z', id: ID })],
    ['two elements', cursorOf(['c.last_activity_at', ID])],
    ['four elements', cursorOf(['c.last_activity_at', '2021-02-24T17:24:37Z', ID, 1])],
    ["another sort's cursor", cursorOf(['c.inserted_at', '2021-02-24T17:24:37Z', ID])],
    ['a value that is no timestamp', cursorOf(['c.last_activity_at', 'yesterday', ID])],
    ['a number as the value', cursorOf(['c.last_activity_at', 1614187477000, ID])],
    ['an id that is no UUID', cursorOf(['c.last_activity_at', '2021-02-24T17:24:37Z', 'abc'])],
    ['an integer id where a UUID belongs', cursorOf(['c.last_activity_at', '2021-02-24T17:24:37Z', 42])],
  ])('answers 400 "Invalid cursor" for %s', (_case, cursor) => {
    expect(rejection(() => decode(byActivity, cursor, 'after'))).toEqual({
      status: 400,
      body: { message: 'Invalid cursor', errors: { after: ['is invalid'] } },
    });
  });

  it('names the parameter the cursor came in', () => {
    expect(rejection(() => decode(byActivity, 'garbage', 'before')).body).toEqual({
      message: 'Invalid cursor',
      errors: { before: ['is invalid'] },
    });
  });

  it('takes integer ids only for a numeric tie-breaker, and only safe integers', () => {
    const at = '2021-02-24T17:24:37Z';
    expect(decode(byUserTime, cursorOf(['users', at, 7]), 'after')).toEqual([at, 7]);
    for (const id of [ID, '7', 1.5, 2 ** 53]) {
      expect([id, rejection(() => decode(byUserTime, cursorOf(['users', at, id]), 'after')).status]).toEqual([id, 400]);
    }
  });

  it('takes any string as a text value, but still checks the id', () => {
    expect(decode(byName, cursorOf(['name', 'yesterday', ID]), 'after')).toEqual(['yesterday', ID]);
    expect(decode(byName, cursorOf(['name', '', ID]), 'after')).toEqual(['', ID]);
    expect(rejection(() => decode(byName, cursorOf(['name', 'Acme', 'abc']), 'after')).status).toBe(400);
  });
});

describe('paginate', () => {
  it('refuses after and before together before it queries anything', async () => {
    const query = new Proxy(
      {},
      {
        get: () => {
          throw new Error('the query was used');
        },
      },
    ) as never;
    await expect(paginate(query, byActivity, { after: 'x', before: 'y' })).rejects.toMatchObject({
      status: 400,
      response: { message: 'Use either after or before', errors: { before: ['is invalid'] } },
    });
  });
});

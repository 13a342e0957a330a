import { types } from 'pg';
import { fastTimestamptz, timestamptzParser } from './timestamp-parser';

// pg's own parser, as registered before ours replaces it: the reference every value must agree with.
const pgParser = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date;

describe('timestamptz parser', () => {
  it.each([
    '2026-12-02 07:20:12.123456+00',
    '2026-12-02 07:20:12+00',
    '2026-12-02 07:20:12.1+05:30',
    '2026-12-02 07:20:12.999999-08',
    '2024-02-29 23:59:59.5-03:30',
    '1970-01-01 00:00:00+00',
    '0100-03-01 12:00:00+00',
    '9999-12-31 23:59:59.999+14',
  ])('reads %s as pg does', (text) => {
    expect(fastTimestamptz(text)?.toISOString()).toBe(pgParser(text).toISOString());
  });

  it('agrees with pg on 10,000 random instants and offsets', () => {
    for (let i = 0; i < 10_000; i++) {
      const instant = new Date(Math.floor(Math.random() * 8e12) - 1e12);
      const offset = (Math.floor(Math.random() * 57) - 28) * 30; // −14:00 … +14:00 in half hours
      const local = new Date(instant.getTime() + offset * 60_000).toISOString();
      const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}`;
      const minutes = Math.abs(offset) % 60 ? `:${String(Math.abs(offset) % 60).padStart(2, '0')}` : '';
      const fraction =
        i % 3 === 0 ? '' : `.${String(instant.getUTCMilliseconds()).padStart(3, '0')}${i % 2 ? '417' : ''}`;
      const text = `${local.slice(0, 10)} ${local.slice(11, 19)}${fraction}${zone}${minutes}`;
      expect(fastTimestamptz(text)?.getTime()).toBe(pgParser(text).getTime());
    }
  });

  it.each([
    'infinity',
    '-infinity',
    '2026-12-02 07:20:12+00 BC',
    '0099-01-01 00:00:00+00',
    '12026-01-01 00:00:00+00',
    '2026-12-02 07:20:12+05:30:15',
  ])('leaves %s to the fallback', (text) => {
    expect(fastTimestamptz(text)).toBeNull();
    const parse = timestamptzParser(pgParser);
    expect(String(parse(text))).toBe(String(pgParser(text)));
  });
});

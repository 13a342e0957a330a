import { parseBrackets } from './app.setup';

describe('parseBrackets: query strings and form bodies', () => {
  it('nests bracketed keys, as curl -d "conversation[status]=closed" sends them', () => {
    expect(parseBrackets('conversation[status]=closed&conversation[priority]=priority&limit=5')).toEqual({
      conversation: { status: 'closed', priority: 'priority' },
      limit: '5',
    });
  });

  it('decodes percent escapes and +, and keeps empty values as empty strings', () => {
    expect(parseBrackets('name=J%C3%BCrgen+M%C3%BCller&empty=&flag')).toEqual({
      name: 'Jürgen Müller',
      empty: '',
      flag: '',
    });
  });

  it('nests five levels deep; anything deeper stays one literal key', () => {
    expect(parseBrackets('a[b][c][d][e][f]=1')).toEqual({ a: { b: { c: { d: { e: { f: '1' } } } } } });
    expect(parseBrackets('a[b][c][d][e][f][g][h]=1')).toEqual({
      a: { b: { c: { d: { e: { f: { '[g][h]': '1' } } } } } },
    });
  });

  it('builds arrays from [] and from indices up to 100; a larger index is an object key', () => {
    expect(parseBrackets('ids[]=1&ids[]=2')).toEqual({ ids: ['1', '2'] });
    expect(parseBrackets('ids[1]=b&ids[0]=a')).toEqual({ ids: ['a', 'b'] });
    expect(parseBrackets('tag=a&tag=b')).toEqual({ tag: ['a', 'b'] });
    // A sparse index is compacted: no 100-element array from one parameter.
    expect(parseBrackets('a[100]=x')).toEqual({ a: ['x'] });
    expect(parseBrackets('a[101]=x')).toEqual({ a: { 101: 'x' } });
    expect(parseBrackets('a[999999999]=x')).toEqual({ a: { 999999999: 'x' } });
  });

  it('never writes to prototypes or over Object.prototype names', () => {
    for (const input of [
      '__proto__[admin]=true',
      'a[__proto__][admin]=true',
      'constructor[prototype][admin]=true',
      'toString=x&hasOwnProperty=y',
    ]) {
      const parsed = parseBrackets(input);
      expect([input, parsed]).toEqual([input, {}]);
      expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(parseBrackets('ok=1&__proto__[admin]=true')).toEqual({ ok: '1' });
  });

  it('reads at most 1000 parameters', () => {
    const parsed = parseBrackets(Array.from({ length: 1001 }, (_, i) => `k${i}=v`).join('&'));
    expect(Object.keys(parsed)).toHaveLength(1000);
    expect(parsed).toHaveProperty('k999', 'v');
    expect(parsed).not.toHaveProperty('k1000');
  });
});

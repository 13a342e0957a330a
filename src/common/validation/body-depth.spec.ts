import { jsonNestsDeeperThan } from './body-depth';

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":"[[[[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('[' + '"\\\\",'.repeat(3) + '[[1]]]', 2)).toBe(true);
  });

  it('reads a 1 MiB body of brackets in one pass', () => {
    const deep = '['.repeat(512 * 1024) + ']'.repeat(512 * 1024);
    expect(jsonNestsDeeperThan(deep, 32)).toBe(true);
    expect(jsonNestsDeeperThan('[1],'.repeat(250_000).replace(/^/, '[').replace(/,$/, ']'), 32)).toBe(false);
  });
});

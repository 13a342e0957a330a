import { redactSecrets } from './logger';

describe('redactSecrets', () => {
  it('censors secret keys down to four levels and leaves the input untouched', () => {
    const input = {
      token: 'pcs_1',
      user: { email: 'a@example.com', password: 'x' },
      a: { b: { c: { api_key: 'k' } } },
      too: { deep: { for: { us: { secret: 's' } } } },
    };
    const before = JSON.stringify(input);
    expect(redactSecrets(input)).toEqual({
      token: '[REDACTED]',
      user: { email: 'a@example.com', password: '[REDACTED]' },
      a: { b: { c: { api_key: '[REDACTED]' } } },
      too: { deep: { for: { us: { secret: 's' } } } },
    });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('returns the same object when nothing is secret, and keeps absent secrets absent', () => {
    const input = { request_id: 'r1', nested: { ok: true, token: undefined }, when: new Date(0) };
    expect(redactSecrets(input)).toBe(input);
  });

  it('keeps an Error an Error (message and stack) while censoring its fields', () => {
    const error = Object.assign(new Error('duplicate key'), { query: 'SELECT $1', parameters: ['hash'] });
    const { err } = redactSecrets({ err: error });
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBe(error);
    expect([err.message, err.stack, err.query, err.parameters]).toEqual([
      'duplicate key',
      error.stack,
      'SELECT $1',
      '[REDACTED]',
    ]);
    expect(error.parameters).toEqual(['hash']);
  });

  it('walks arrays as a level', () => {
    expect(redactSecrets({ keys: [{ value: 'pc_1', label: 'ci' }] })).toEqual({
      keys: [{ value: '[REDACTED]', label: 'ci' }],
    });
  });
});

import { bearerToken, sessionToken } from './bearer-token';
import { credentialAt, doorOf } from './route-policy';

describe('doorOf (route patterns, never request URLs)', () => {
  it.each([
    ['/api/v1/me', 'v1'],
    ['/api/v1', 'v1'],
    ['/api/v1/customers/:id', 'v1'],
    ['/api/v1/customers/{id}', 'v1'],
    ['/api/v2/me', 'v2'],
    ['/api/me', 'unversioned'],
    ['/api/session', 'unversioned'],
    ['/api/v1x/me', 'unversioned'],
    ['/api/customers/v1', 'unversioned'],
    ['/health/live', 'unversioned'],
    ['/v1/me', 'unversioned'],
  ])('%s is %s', (pattern, door) => expect(doorOf(pattern)).toBe(door));
});

describe('credentialAt', () => {
  const byDoor = { v1: 'api-key', unversioned: 'session' } as const;

  it('takes a single kind at every door, and a per-door policy by door', () => {
    expect([credentialAt('api-key', 'v1'), credentialAt('none', 'unversioned')]).toEqual(['api-key', 'none']);
    expect([credentialAt(byDoor, 'v1'), credentialAt(byDoor, 'unversioned')]).toEqual(['api-key', 'session']);
  });

  it('names nothing (refused) for a door the policy omits, an unknown door, or no policy', () => {
    expect([
      credentialAt({ v1: 'api-key' }, 'unversioned'),
      credentialAt(byDoor, undefined),
      credentialAt(undefined, 'v1'),
    ]).toEqual([undefined, undefined, undefined]);
  });
});

describe('the Authorization header', () => {
  it.each([
    ['Bearer pc_abc', 'pc_abc', 'pc_abc'],
    ['bearer   pc_abc  ', 'pc_abc', 'pc_abc'],
    ['pcs_raw', undefined, 'pcs_raw'],
    ['  pcs_raw  ', undefined, 'pcs_raw'],
    ['Bearer a b', undefined, 'Bearer a b'],
    ['Bearer', undefined, 'Bearer'],
    ['', undefined, undefined],
    ['   ', undefined, undefined],
    [undefined, undefined, undefined],
    [['Bearer x'], undefined, undefined],
  ])('%j: API key %j, session token %j', (header, key, token) => {
    expect([bearerToken(header), sessionToken(header)]).toEqual([key, token]);
  });
});

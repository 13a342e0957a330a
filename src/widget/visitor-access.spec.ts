import { createHmac } from 'node:crypto';
import { asUuid, identityHash, isUnset } from './visitor-access';

describe('visitor access helpers', () => {
  it('computes the identity hash customers compute on their backend', () => {
    expect(identityHash('secret', 'user-42')).toBe(createHmac('sha256', 'secret').update('user-42').digest('hex'));
  });

  it('reads the widget’s placeholders for unset ids', () => {
    for (const value of [undefined, null, '', 'null', 'undefined']) expect(isUnset(value)).toBe(true);
    expect(isUnset('0e2d5b0c-5a4a-4d3b-9b8e-2f6e3f1c9a10')).toBe(false);
    expect(asUuid('0E2D5B0C-5A4A-4D3B-9B8E-2F6E3F1C9A10')).toBe('0e2d5b0c-5a4a-4d3b-9b8e-2f6e3f1c9a10');
    expect(asUuid('nope')).toBeNull();
    expect(asUuid(42)).toBeNull();
  });
});

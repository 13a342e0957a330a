const SECRET = Symbol('carries a secret');

/**
 * Marks a response that carries a secret shown only once (a new API key's value, a webhook signing
 * secret). The mark is not serialised; the idempotency layer never stores such a response and answers a
 * replay with a 409 instead of repeating it.
 */
export function secretResponse<T extends object>(response: T): T {
  return Object.defineProperty(response, SECRET, { value: true, enumerable: false });
}

export const carriesSecret = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECRET] === true;

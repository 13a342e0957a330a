/** The one reading of the Authorization header: the token of `Bearer <token>`, else undefined. */
export function bearerToken(header: unknown): string | undefined {
  return typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}

/** Session tokens come raw as well, as Papercups' clients send them: `<token>` or `Bearer <token>`. */
export function sessionToken(header: unknown): string | undefined {
  if (typeof header !== 'string' || !header.trim()) return undefined;
  return bearerToken(header) ?? header.trim();
}

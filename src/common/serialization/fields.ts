const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Wire params (snake_case, already whitelisted by validation) to entity fields, skipping absent ones. */
export function toEntityFields<T>(params: object, omit: readonly string[] = []): Partial<T> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && !omit.includes(key)) fields[camel(key)] = value;
  }
  return fields as Partial<T>;
}

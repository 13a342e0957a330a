import { Client } from 'pg';

/** Records every SQL statement any pg client in this process sends, until restore(). */
export function countQueries() {
  const original = Client.prototype.query;
  const statements: string[] = [];
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    statements.push(typeof config === 'string' ? config : (config?.text ?? ''));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  return {
    statements,
    reset: () => statements.splice(0),
    restore: () => {
      Client.prototype.query = original;
    },
  };
}

import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** The SQL statements `run` sends through TypeORM (the request's auth lookups included). */
export async function recordQueries(run: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  try {
    await run();
    return spy.mock.calls.map(([sql]) => sql);
  } finally {
    spy.mockRestore();
  }
}

/** How many SQL statements `run` sends through TypeORM. */
export const countQueries = async (run: () => Promise<unknown>): Promise<number> => (await recordQueries(run)).length;

import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** How many SQL statements `run` sends through TypeORM (the request's auth lookups included). */
export async function countQueries(run: () => Promise<unknown>): Promise<number> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

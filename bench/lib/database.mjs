// The PostgreSQL server the benchmark runs on: DATABASE_URL, or an embedded one started here.
import { postgresServer } from '../../scripts/lib/postgres.cjs';

export { createDatabase, dropDatabase, freePort, withClient } from '../../scripts/lib/postgres.cjs';

/** Benchmarks measure the API, not fsync: the same settings for our server and the baseline. */
export const startServer = () =>
  postgresServer({
    prefix: 'papercups-bench-',
    flags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'synchronous_commit=off'],
  });

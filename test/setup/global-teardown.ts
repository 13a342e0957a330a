import { withClient } from '../../scripts/lib/postgres.cjs';
import type { PostgresServer } from '../../scripts/lib/postgres.cjs';
import { TEMPLATE_URL_VARIABLE } from '../support/database';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>).__E2E_POSTGRES__ as PostgresServer | undefined;
  const templateUrl = process.env[TEMPLATE_URL_VARIABLE];
  if (server && templateUrl) {
    // A server named by DATABASE_URL outlives the run: leave nothing behind on it.
    const template = new URL(templateUrl).pathname.slice(1);
    await withClient(server.url, async (c) => {
      await c.query(`ALTER DATABASE ${template} WITH IS_TEMPLATE false`);
      await c.query(`DROP DATABASE IF EXISTS ${template}`);
    });
  }
  await server?.stop();
}

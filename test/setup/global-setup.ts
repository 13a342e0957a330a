import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app.config';
import { buildTypeOrmOptions } from '../../src/database/typeorm.options';
import { createDatabase, postgresServer, withClient } from '../../scripts/lib/postgres.cjs';
import { TEMPLATE_URL_VARIABLE } from '../support/database';

/**
 * Runs once per e2e run, in Jest's parent process. With DATABASE_URL set, that server is used; otherwise one
 * embedded PostgreSQL serves the whole run. A template database is migrated here once; each spec file's
 * database is a copy of it (test/support/database.ts), so the app's migrations on boot find nothing to do.
 */
export default async function globalSetup(): Promise<void> {
  const server = await postgresServer({ prefix: 'papercups-test-' });
  (globalThis as Record<string, unknown>).__E2E_POSTGRES__ = server;
  process.env.DATABASE_URL = server.url;

  const template = `e2e_template_${randomBytes(6).toString('hex')}`;
  const templateUrl = await createDatabase(server.url, template);
  const dataSource = await new DataSource(buildTypeOrmOptions(templateUrl, loadConfig())).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await dataSource.destroy();
  }
  // No connections: CREATE DATABASE … TEMPLATE fails while anyone is connected to the template.
  await withClient(server.url, (c) =>
    c.query(`ALTER DATABASE ${template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`),
  );
  process.env[TEMPLATE_URL_VARIABLE] = templateUrl;
}

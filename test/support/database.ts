import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase } from '../../scripts/lib/postgres.cjs';

/** Set by test/setup/global-setup.ts: the URL of the migrated template database. */
export const TEMPLATE_URL_VARIABLE = 'E2E_TEMPLATE_DATABASE_URL';

export interface TestDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

/** The template's name, if it lives on the server of `serverUrl` (a spec may run a PostgreSQL of its own). */
function templateOn(serverUrl: string): string | undefined {
  const raw = process.env[TEMPLATE_URL_VARIABLE];
  if (!raw) return undefined;
  const template = new URL(raw);
  return template.host === new URL(serverUrl).host ? template.pathname.slice(1) : undefined;
}

/**
 * A database of its own on the server of `serverUrl` (by default the suite's, DATABASE_URL): a copy of the
 * migrated template when that server has it, else (or when `empty`) an empty one (the app migrates it on boot).
 */
export async function createTestDatabase(
  prefix = 'e2e',
  serverUrl = process.env.DATABASE_URL,
  { empty = false } = {},
): Promise<TestDatabase> {
  if (!serverUrl) throw new Error('DATABASE_URL is not set (test/setup/global-setup.ts sets it)');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(serverUrl, name, { template: empty ? undefined : templateOn(serverUrl) });
  return { name, url, drop: () => dropDatabase(serverUrl, name) };
}

import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/app.config';
import { appVersion } from '../../config/app-version';
import { MIGRATIONS } from '../../database/typeorm.options';
import { migrationsAppliedAtBoot } from '../../database/database.module';
import { embeddedPostgresInfo, EmbeddedPostgresInfo } from '../../database/embedded-postgres';
import { OPENAPI_UI_PATH } from '../../openapi/openapi';

export interface StartupFacts {
  address: AddressInfo | string | null;
  embedded: EmbeddedPostgresInfo | undefined;
  migrationsApplied: number;
}

/** Where a reader on this machine reaches the server: a wildcard bind is shown as localhost. */
export function listenUrl(address: AddressInfo | string | null, config: Pick<AppConfig, 'host' | 'port'>): string {
  if (typeof address === 'string') return address; // a Unix socket
  const port = address?.port ?? config.port;
  const host = address?.address ?? config.host;
  if (['0.0.0.0', '::', ''].includes(host)) return `http://localhost:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The database without its credentials (the URL usually carries a password). */
function describeDatabase(config: Pick<AppConfig, 'databaseUrl'>, embedded: EmbeddedPostgresInfo | undefined) {
  if (embedded) return `embedded PostgreSQL on 127.0.0.1:${embedded.port} (data: ${embedded.dataDir})`;
  if (!config.databaseUrl) return 'none';
  const url = new URL(config.databaseUrl);
  return `postgres://${url.host}${url.pathname}`;
}

/**
 * What an operator needs to read once at boot, at `info`: version, where the API and its docs are, which
 * database (embedded or not) and whether this start created it; then a `warn` for each setting that is fine
 * on a laptop and not on the internet.
 */
export function logStartupSummary(logger: Logger, config: AppConfig, facts: StartupFacts): void {
  const url = listenUrl(facts.address, config);
  const docs = `${url}/${OPENAPI_UI_PATH}`;
  const firstStart = Boolean(facts.embedded?.initialised) || facts.migrationsApplied === MIGRATIONS.length;
  const version = appVersion();
  logger.info(
    {
      version,
      url,
      docs,
      database: describeDatabase(config, facts.embedded),
      database_embedded: Boolean(facts.embedded),
      first_start: firstStart,
      migrations_applied: facts.migrationsApplied,
    },
    `papercups-nest ${version} ready at ${url} (docs: ${docs})${firstStart ? ', database initialised' : ''}`,
  );
  if (!config.registrationDisabled) {
    logger.warn(
      { setting: 'PAPERCUPS_REGISTRATION_DISABLED' },
      'registration is open: anyone who reaches POST /api/registration can create an account ' +
        '(set PAPERCUPS_REGISTRATION_DISABLED=true once your accounts exist)',
    );
  }
  if (config.corsOrigins === true) {
    logger.warn(
      { setting: 'CORS_ORIGINS' },
      'CORS allows any origin (*): set CORS_ORIGINS to the origins of your dashboard and widget',
    );
  }
  if (!config.mail.smtpUrl) {
    logger.warn(
      { setting: 'SMTP_URL' },
      'SMTP_URL is not set: mails (password resets, invitations, alerts) are not sent, they are logged at warn with their links',
    );
  }
  if (config.webhooks.allowPrivateUrls) {
    logger.warn(
      { setting: 'WEBHOOK_ALLOW_PRIVATE_URLS' },
      'webhooks may target loopback and private addresses (WEBHOOK_ALLOW_PRIVATE_URLS): an API key holder can reach your internal network',
    );
  }
}

/** The facts as this process knows them after listen(). */
export function startupFacts(address: AddressInfo | string | null): StartupFacts {
  return { address, embedded: embeddedPostgresInfo(), migrationsApplied: migrationsAppliedAtBoot().length };
}

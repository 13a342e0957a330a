import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/app.setup';
import { PinoNestLogger } from '../../src/common/logging/logger';
import { AppConfig, loadConfig, WebhookConfig } from '../../src/config/app.config';
import { APP_CONFIG } from '../../src/config/config.module';
import { createTestDatabase } from './database';
import type { DestinationStream, Logger } from 'pino';

export interface InjectOptions {
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as-is (set content-type yourself). */
  payload?: object | string;
  query?: Record<string, string>;
}

export interface TestResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  json: () => any;
  raw: () => any;
}

/** Overrides of the configuration; `webhooks` is merged field by field. */
export type TestConfig = Partial<Omit<AppConfig, 'webhooks'>> & { webhooks?: Partial<WebhookConfig> };

export interface TestAppOptions {
  /** Overrides of the configuration every provider receives (APP_CONFIG), the adapter and configureApp(). */
  config?: TestConfig;
  /** Another instance on that app's database (as behind a load balancer) instead of a database of its own. */
  sameDatabaseAs?: TestApp;
  /** The PostgreSQL server to create the database on (default: DATABASE_URL, set by the global setup). */
  server?: string;
  /** Where log lines go (as JSON); by default nowhere below `error`. */
  logDestination?: DestinationStream;
  /** Runs after configureApp() and before init() (e.g. to add Fastify hooks before the routes exist). */
  beforeInit?: (app: NestFastifyApplication) => void;
  /** Called for every route Fastify registers (the tenant-isolation suite builds its table from it). */
  onRoute?: (method: string, url: string) => void;
}

/**
 * Every error body carries `request_id`, equal to the X-Request-Id response header. `json()` checks that
 * on every error response of the suite and then removes it, so specs can assert the rest exactly;
 * `raw()` returns the body untouched.
 */
function checkedJson(body: string, headers: Record<string, unknown>): any {
  const parsed = JSON.parse(body);
  const error = parsed?.error;
  if (error && typeof error === 'object' && 'status' in error) {
    if (!headers['x-request-id'] || error.request_id !== headers['x-request-id']) {
      throw new Error(`error.request_id ${error.request_id} does not match x-request-id ${headers['x-request-id']}`);
    }
    delete error.request_id;
  }
  return parsed;
}

export interface TestApp {
  app: NestFastifyApplication;
  db: DataSource;
  /** The configuration the app runs with. */
  config: AppConfig;
  request: (method: string, url: string, options?: InjectOptions) => Promise<TestResponse>;
  close: () => Promise<void>;
}

/**
 * Boots the whole AppModule on Fastify against a database of its own (a copy of the migrated template,
 * see test/support/database.ts; the app runs its migrations on boot as in production, finding none
 * pending), dropped by close(). The configuration is the environment's, with `options.config` on top,
 * and reaches every provider through APP_CONFIG.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.sameDatabaseAs
    ? { url: options.sameDatabaseAs.config.databaseUrl!, drop: async () => undefined }
    : await createTestDatabase('e2e', options.server ?? process.env.DATABASE_URL);
  const base = loadConfig();
  const { webhooks, ...overrides } = options.config ?? {};
  const config: AppConfig = {
    ...base,
    // Specs are not throttled unless they ask for a limit (test/e2e/rate-limit.e2e-spec.ts does).
    rateLimitPerMinute: 1_000_000,
    rateLimitAuthPerMinute: 1_000_000,
    failedAuthPerMinute: { perAccount: 1_000_000, perIp: 1_000_000 },
    // Specs hash at scrypt's old cost, 2^14 (a tenth of the time); test/e2e/passwords runs the default.
    passwordScryptN: 2 ** 14,
    widget: { ...base.widget, rateLimitPerIp: 1_000_000, rateLimitPerAccount: 1_000_000 },
    logLevel: options.logDestination ? 'info' : 'silent',
    logFormat: 'json',
    ...overrides,
    databaseUrl: database.url,
    webhooks: { ...base.webhooks, ...webhooks },
  };

  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(config)
      .compile();
    const adapter = createFastifyAdapter(config, options.logDestination);
    // With a log destination, Nest's own loggers (workers, streams) write there too, as in main.ts.
    const app = moduleRef.createNestApplication<NestFastifyApplication>(adapter, {
      logger: options.logDestination ? new PinoNestLogger(adapter.getInstance().log as unknown as Logger) : false,
    });
    // Before configureApp(), so the routes it registers itself (OpenAPI, Swagger UI) are reported too.
    if (options.onRoute) {
      const onRoute = options.onRoute;
      app
        .getHttpAdapter()
        .getInstance()
        .addHook('onRoute', (route: { method: string | string[]; url: string }) => {
          for (const method of [route.method].flat()) if (method !== 'HEAD') onRoute(method, route.url);
        });
    }
    await configureApp(app);
    options.beforeInit?.(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();

    const request: TestApp['request'] = async (method, path, options = {}) => {
      const response = await app.inject({
        method: method as 'GET',
        url: path,
        query: options.query,
        headers: options.headers,
        payload: options.payload as string,
      });
      return {
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
        json: () => checkedJson(response.body, response.headers),
        raw: () => response.json(),
      };
    };

    return {
      app,
      db: app.get(DataSource),
      config,
      request,
      close: async () => {
        await app.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
}

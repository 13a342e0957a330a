import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/app.config';
import type { DestinationStream } from 'pino';
import { createTestDatabase } from './database';

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

export interface TestAppOptions {
  /** Overrides of the environment's configuration. */
  config?: Partial<AppConfig>;
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
  request: (method: string, url: string, options?: InjectOptions) => Promise<TestResponse>;
  close: () => Promise<void>;
}

/**
 * Boots the whole AppModule on Fastify against a database of its own (a copy of the migrated template,
 * see test/support/database.ts; the app runs its migrations on boot as in production, finding none
 * pending), dropped by close().
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // Specs are not throttled unless they ask for a limit (test/e2e/rate-limit.e2e-spec.ts does).
  process.env.RATE_LIMIT_PER_MINUTE ??= '1000000';
  process.env.RATE_LIMIT_AUTH_PER_MINUTE ??= '1000000';
  const serverUrl = process.env.DATABASE_URL;
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;

  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const config = {
      ...loadConfig(),
      logLevel: options.logDestination ? 'info' : 'silent',
      logFormat: 'json',
      ...options.config,
    } satisfies AppConfig;
    const app = moduleRef.createNestApplication<NestFastifyApplication>(
      createFastifyAdapter(config, options.logDestination),
      { logger: false },
    );
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
    await configureApp(app, config);
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
      request,
      close: async () => {
        await app.close();
        await database.drop();
      },
    };
  } finally {
    process.env.DATABASE_URL = serverUrl;
  }
}

import { INestApplication, VersioningType } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { parse } from 'qs';
import { AppConfig } from './config/app.config';

/** Bracketed keys (`conversation[status]=closed`) become nested objects, in query strings and form bodies. */
const parseBrackets = (input: string) =>
  parse(input, { depth: 5, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false });

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Slow or hanging clients: the whole request must arrive in time, and idle sockets are closed.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    routerOptions: { querystringParser: (query: string) => parseBrackets(query) },
  } as never);
}

/** Everything that is not DI: shared by main.ts and the e2e tests so both run the same pipeline. */
export async function configureApp(app: NestFastifyApplication): Promise<INestApplication> {
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI });
  app.enableShutdownHooks();

  app.useBodyParser('application/x-www-form-urlencoded', {}, (_request, body, done) =>
    done(null, parseBrackets(body.toString('utf8'))),
  );
  // JSON and form bodies only: anything else (text/plain included) is a 415, not a string body.
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.removeContentTypeParser('text/plain');
  return app;
}

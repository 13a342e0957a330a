import { INestApplication, RequestMethod, VersioningType } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import { FastifyInstance, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { parse } from 'qs';
import { registerRouteDoors } from './auth/route-policy';
import { API_PREFIX, VERSION_PREFIX } from './common/http/api-prefix';
import { createLogger } from './common/logging/logger';
import { registerConditionalRequests } from './conditional-requests/conditional-requests';
import { registerSecurityHeaders } from './common/http/security-headers';
import { registerCors } from './common/http/cors';
import { registerRequestLogging, requestIdFor } from './common/logging/request-logging';
import type { AppConfig } from './config/app.config';
import { APP_CONFIG } from './config/config.module';
import { setupOpenApi } from './openapi/openapi';
import { jsonNestsDeeperThan, MAX_BODY_DEPTH } from './common/validation/body-depth';
import { badRequest } from './common/errors';
import { answerClientError, answerFrameworkError, registerBodyDeadline } from './common/filters/framework-errors';

/** Bracketed keys (`conversation[status]=closed`) become nested objects, in query strings and form bodies. */
export const parseBrackets = (input: string) =>
  parse(input, { depth: 5, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false });

const tooDeep = () => badRequest(`Malformed JSON body: nested deeper than ${MAX_BODY_DEPTH} levels`);

/** Fastify with the process logger; `logDestination` lets tests read the log lines. */
export function createFastifyAdapter(config: AppConfig, logDestination?: DestinationStream): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Slow or hanging clients: the whole request must arrive in time, and idle sockets are closed.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    // Node checks requestTimeout (the head's deadline) only this often: by default every 30 s.
    http: { connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs) },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    routerOptions: { querystringParser: (query: string) => parseBrackets(query) },
    loggerInstance: createLogger(config, logDestination),
    // Fastify's own request lines are off: registerRequestLogging() writes one line per request.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    requestIdHeader: false,
    // X-Forwarded-For picks request.ip only from these peers (TRUST_PROXY; off: the socket address).
    trustProxy: config.trustProxy,
    genReqId: requestIdFor,
  } as never);
}

/** Outside the `/api` prefix: what load balancers and orchestrators probe. */
const UNPREFIXED = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
];

/** Where the controllers' routes are mounted: `/api` (probes aside), URI versions (`/api/v1`). */
export function configureRouting(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED });
  app.enableVersioning({ type: VersioningType.URI, prefix: VERSION_PREFIX });
}

/** Everything that is not DI: shared by main.ts and the e2e tests so both run the same pipeline. */
export async function configureApp(app: NestFastifyApplication): Promise<INestApplication> {
  const config = app.get<AppConfig>(APP_CONFIG);
  configureRouting(app);

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  // Before any route exists: each route's door (the credential policy's `v1` or `unversioned`) is in its config.
  registerRouteDoors(fastify);
  // First of our request hooks: a preflight ends here, and every answer a later hook ends carries CORS.
  registerCors(fastify, config);
  registerRequestLogging(fastify);
  registerSecurityHeaders(fastify);
  // If-Match reaches the write's services from its preHandler; the envelope sets the ETag (uncompressed bytes).
  registerConditionalRequests(fastify);
  registerBodyDeadline(fastify, config.requestTimeoutMs);
  // Responses above 1 KiB are compressed when the client asks; request bodies are never decompressed.
  await app.register(compress as never, { threshold: 1024, globalDecompression: false });

  app.useBodyParser('application/x-www-form-urlencoded', {}, (_request, body, done) =>
    done(null, parseBrackets(body.toString('utf8'))),
  );
  // JSON and form bodies only: anything else (text/plain included) is a 415, not a string body.
  fastify.removeContentTypeParser('text/plain');
  // Nesting is checked on the text before JSON.parse (and everything after it) recurses.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', {}, (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonNestsDeeperThan(text, MAX_BODY_DEPTH)) done(tooDeep(), undefined);
    else void parseJson(request as never, text, done as never);
  });

  // Uploads only (`POST /api/upload`): one file, few fields, refused past UPLOAD_MAX_BYTES while streaming.
  await app.register(multipart as never, {
    limits: { fileSize: config.widget.uploadMaxBytes, files: 1, fields: 10, fieldSize: 1024 },
  });

  await setupOpenApi(app);
  return app;
}

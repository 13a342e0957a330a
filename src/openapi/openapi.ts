import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { dump } from 'js-yaml';
import type { OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { ErrorEnvelope } from '../common/dto/error-envelope.response';
import {
  CREDENTIAL_EXTENSION,
  ROLE_EXTENSION,
  credentialAt,
  CredentialKind,
  CredentialPolicy,
  doorOf,
} from '../auth/route-policy';
import { appVersion } from '../config/app-version';
import metadata from '../metadata';

export const OPENAPI_JSON_PATH = 'api/openapi.json';
export const OPENAPI_YAML_PATH = 'api/openapi.yaml';
export const OPENAPI_UI_PATH = 'api/docs';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const ERRORS: Record<number, string> = {
  400: 'Malformed body, missing wrapper, bad query filter or cursor, or a path id that is not a UUID.',
  401: 'No or unknown credentials (`code: 401`), or a disabled account.',
  403: 'Your role may not do this (admin only).',
  404: 'No such record in your account.',
  413: 'Body larger than BODY_LIMIT_BYTES.',
  415: 'A body that is neither JSON nor form-encoded.',
  422: 'Field errors (`errors`: field → messages); nothing is written.',
};
const ERROR_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Not authenticated',
  403: 'Forbidden: only an admin of the account can do this',
  404: 'Not found',
  413: 'Request body is too large',
  415: 'Unsupported Media Type: send application/json or application/x-www-form-urlencoded',
  422: 'Unprocessable Entity',
};

type Schema = SchemaObject | ReferenceObject;

/**
 * OpenAPI 3.0's way to say "or null" beside a reference: `nullable` applies only to a `type` in the same
 * schema, so `{nullable, allOf: [ref]}` is invalid (Spectral) and `{type: object, nullable, allOf: [ref]}`
 * still refuses null. `anyOf: [ref, NULL_ONLY]` is the form the 3.0.3 clarification gives.
 */
const NULL_ONLY: SchemaObject = { type: 'object', nullable: true, enum: [null] };
const isNullOnly = (schema: Schema) => !('$ref' in schema) && schema.nullable === true && schema.enum?.[0] === null;

/** The security scheme of each credential (`none` and `visitor`: none; a visitor route takes a session optionally). */
const SECURITY_SCHEME: Record<CredentialKind, string | undefined> = {
  'api-key': 'api_key',
  session: 'session_token',
  visitor: undefined,
  none: undefined,
};

/** An example built from the schema's own property examples (null for a nullable without one). */
export function exampleOf(schema: Schema, document: OpenAPIObject, depth = 0): unknown {
  if ('$ref' in schema) {
    const name = schema.$ref.split('/').pop()!;
    return exampleOf(document.components!.schemas![name], document, depth + 1);
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.nullable && (!schema.allOf || depth > 2)) return null;
  if (schema.allOf) return exampleOf(schema.allOf[0], document, depth);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives?.some(isNullOnly) && depth > 2) return null;
  if (alternatives) return exampleOf(alternatives[0], document, depth);
  if (schema.type === 'array') return depth > 2 ? [] : [exampleOf(schema.items as Schema, document, depth + 1)];
  if (schema.type === 'object' && schema.properties) {
    const required = new Set(schema.required ?? []);
    return Object.fromEntries(
      Object.entries(schema.properties)
        .filter(([key]) => required.has(key))
        .map(([key, value]) => [key, exampleOf(value, document, depth)]),
    );
  }
  if (schema.type === 'boolean') return false;
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'object') return {};
  return 'string';
}

const errorResponse = (status: number) => ({
  description: ERRORS[status],
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ErrorEnvelope' },
      example: {
        error: {
          ...(status === 401 ? { code: 401 } : {}),
          status,
          message: ERROR_MESSAGES[status],
          ...(status === 422 ? { errors: { status: ['is invalid'] } } : {}),
          request_id: '6f1c1f5e-7c2a-4f0e-a3c1-5d7e9b2f4a11',
        },
      },
    },
  },
});

const IGNORED_SEGMENT = 'Any value, ignored (Papercups routes need one, e.g. `me`).';

/** `customers` → `customer`, `companies` → `company` (for the summaries below). */
const singular = (word: string) => word.replace(/ies$/, 'y').replace(/s$/, '').replace(/_/g, ' ');

/**
 * A route without its own summary gets one from its method and path: `List customers`, `Retrieve a tag`
 * for a collection (a path that also has `/{id}`) and its items; `GET /api/v1/me` otherwise.
 */
function defaultSummary(method: string, path: string, document: OpenAPIObject): string {
  const segments = path.split('/').filter((s) => s && s !== 'api' && s !== 'v1');
  const item = path.endsWith('}');
  const collection = item ? path.replace(/\/\{\w+\}$/, '') : path;
  const resource = collection.split('/').pop()!;
  const verbs: Record<string, string | undefined> = item
    ? { get: 'Retrieve', put: 'Update', patch: 'Update', delete: 'Delete' }
    : { get: 'List', post: 'Create' };
  const verb = verbs[method];
  // `/profile/{id}` takes any id and ignores it: a singleton, not a collection.
  const itemParameters = (document.paths[`${collection}/{id}`]?.get?.parameters ?? []) as ParameterObject[];
  const byId = itemParameters.some((p) => p.in === 'path' && p.name === 'id' && p.description !== IGNORED_SEGMENT);
  if (verb && segments.length <= 2 && byId && !resource.startsWith('{')) {
    if (verb === 'List') return `List ${resource.replace(/_/g, ' ')}`;
    return `${verb} a ${singular(resource)}${method === 'patch' ? ' (partial)' : ''}`;
  }
  return `${method.toUpperCase()} ${path}`;
}

/** What the decorators cannot say once per route: security, tags, error responses, form bodies, examples. */
function finishOperation(method: string, path: string, operation: OperationObject, document: OpenAPIObject): void {
  operation.summary ||= defaultSummary(method, path, document);
  // The route's declared credential at this path's door (src/auth/route-policy.ts), as the guard applies it.
  const extensions = operation as unknown as Record<string, unknown>;
  const credential = credentialAt(extensions[CREDENTIAL_EXTENSION] as CredentialPolicy | undefined, doorOf(path));
  delete extensions[CREDENTIAL_EXTENSION];
  const roles = extensions[ROLE_EXTENSION] as string[] | undefined;
  delete extensions[ROLE_EXTENSION];
  if (roles)
    operation.description = [operation.description, `Requires the role: ${roles.join(' or ')}.`]
      .filter(Boolean)
      .join('\n\n');
  const isPublic = credential === 'none';
  const segments = path.split('/').filter((s) => s && s !== 'api' && s !== 'v1' && !s.startsWith('{'));
  operation.tags = operation.tags?.length ? operation.tags : [segments[0] ?? 'api'];
  const scheme = SECURITY_SCHEME[credential ?? 'none'];
  operation.security = scheme ? [{ [scheme]: [] }] : [];

  // `@Headers('authorization')` and `@ApiHeader({name: 'Authorization'})` both yield a parameter: keep the described one.
  const byKey = new Map<string, ParameterObject>();
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    const key = `${parameter.in}:${parameter.name.toLowerCase()}`;
    if (!byKey.has(key) || parameter.description) byKey.set(key, parameter);
  }
  const read = [...byKey.values()];
  // A path segment the handler ignores (`/profile/{id}`) is still a parameter OpenAPI requires to be declared.
  const ignored = [...path.matchAll(/\{(\w+)\}/g)]
    .map(([, name]) => name)
    .filter((name) => !read.some((p) => p.in === 'path' && p.name === name));
  operation.parameters = [
    ...read,
    ...ignored.map((name): ParameterObject => ({
      in: 'path',
      name,
      required: true,
      schema: { type: 'string' },
      description: IGNORED_SEGMENT,
    })),
  ];

  const validated = read.some((p) => p.in === 'path' || p.in === 'query');
  const statuses: number[] = [];
  if (!isPublic) statuses.push(401);
  if (roles) statuses.push(403);
  if (validated || operation.requestBody) statuses.push(400);
  if (read.some((p) => p.in === 'path')) statuses.push(404);
  if (operation.requestBody) statuses.push(413, 415, 422);
  for (const status of statuses) operation.responses[status] ??= errorResponse(status);

  const body = operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined;
  const json = body?.content?.['application/json'];
  if (json) body!.content!['application/x-www-form-urlencoded'] = { schema: json.schema };

  for (const response of Object.values(operation.responses)) {
    const content = (response as { content?: Record<string, { schema?: Schema; example?: unknown }> }).content;
    const media = content?.['application/json'];
    if (media?.schema && media.example === undefined) media.example = exampleOf(media.schema, document);
  }
}

/**
 * Swagger types a nullable reference (in requests and responses) as `{type: object, nullable, allOf: [ref]}`,
 * which would refuse `null`: it becomes `anyOf: [ref, NULL_ONLY]`.
 */
function nullableReferences(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullableReferences);
  if (!node || typeof node !== 'object') return;
  const schema = node as SchemaObject;
  if (schema.nullable && schema.allOf?.length === 1) {
    schema.anyOf = [schema.allOf[0], NULL_ONLY];
    delete schema.allOf;
    delete schema.nullable;
    delete schema.type;
  }
  Object.values(schema).forEach(nullableReferences);
}

/**
 * The response classes say exactly what the mappers send, so their schemas are closed: no key beyond the
 * class's (`additionalProperties: false`). Request bodies are left open (unknown keys in a body are dropped,
 * not refused).
 */
function closeResponseSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const closed = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const schema = node as SchemaObject & { $ref?: string };
    const name = schema.$ref?.split('/').pop();
    if (name && !closed.has(name) && schemas[name]) {
      closed.add(name);
      const component = schemas[name] as SchemaObject;
      if (component.type === 'object') component.additionalProperties ??= false;
      visit(component);
    }
    Object.values(schema).forEach(visit);
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) Object.values(item[method]?.responses ?? {}).forEach(visit);
  }
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Papercups API (self-hosted)')
    .setDescription(
      'The Papercups public REST API. Bodies are JSON or form-encoded with bracket keys, nested under the ' +
        'resource key; successes are `{"data": ...}`; every error is `{"error": {"status", "message", ...}}`.',
    )
    .setVersion(appVersion())
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative: the document describes whichever server serves it.
    .addServer('/')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A personal API key (`pc_…`), for /api/v1.' },
      'api_key',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'A session token (`pcs_…`), for the other /api routes.',
      },
      'session_token',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorEnvelope] });
  nullableReferences(document);
  closeResponseSchemas(document);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) finishOperation(method, path, operation, document);
    }
  }
  const tags = new Set(Object.values(document.paths).flatMap((item) => METHODS.flatMap((m) => item[m]?.tags ?? [])));
  document.tags = [...tags].sort().map((name) => ({ name }));
  return document;
}

/**
 * JSON at /api/openapi.json, YAML at /api/openapi.yaml, Swagger UI at /api/docs; the document is built on first
 * request, and its YAML once (Swagger's own YAML route dumps the whole document again on every request).
 */
export async function setupOpenApi(app: NestFastifyApplication): Promise<void> {
  await SwaggerModule.loadPluginMetadata(metadata);
  let document: OpenAPIObject | undefined;
  const built = () => (document ??= buildOpenApiDocument(app));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, built, {
    useGlobalPrefix: false,
    raw: ['json'],
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    customSiteTitle: 'Papercups API',
    swaggerOptions: { persistAuthorization: true },
  });
  let yaml: string | undefined;
  (app.getHttpAdapter().getInstance() as FastifyInstance).get(`/${OPENAPI_YAML_PATH}`, (_request, reply) =>
    reply.type('text/yaml').send((yaml ??= dump(built(), { skipInvalid: true, noRefs: true }))),
  );
}

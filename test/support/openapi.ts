import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = any;

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv: `nullable: true` becomes a `null` alternative, and
 * `#/components/...` refs point into the document registered under the id `openapi`.
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'nullable') continue;
    out[key] = key === '$ref' && typeof value === 'string' ? `openapi${value}` : toJsonSchema(value);
  }
  if (node.nullable) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (out.enum && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

export interface ResponseSpec {
  schema?: Json;
  example?: Json;
}

/** Validators for the responses an OpenAPI document declares. */
export class OpenApiChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components) });
  }

  /** Every `METHOD /path/{param}` in the document. */
  operations(): string[] {
    return Object.entries(this.document.paths as Record<string, Json>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  operation(key: string): Json {
    const [method, path] = key.split(' ');
    return this.document.paths[path]?.[method.toLowerCase()];
  }

  response(key: string, status: number): ResponseSpec | undefined {
    const response = this.operation(key)?.responses?.[String(status)];
    if (!response) return undefined;
    return response.content?.['application/json'] ?? {};
  }

  /** The JSON request body schema of an operation, if it takes a body. */
  requestSchema(key: string): Json | undefined {
    return this.operation(key)?.requestBody?.content?.['application/json']?.schema;
  }

  /** Ajv's errors for `body` against a schema, or [] when it validates. */
  errors(schema: Json, body: unknown): string[] {
    const id = JSON.stringify(schema);
    let validate = this.cache.get(id);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema));
      this.cache.set(id, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }
}

// Writes the OpenAPI document of the built app (dist/) to a file, with no database and no network: the
// Nest application is created in preview mode (modules and routes, no provider instantiated), so nothing
// connects anywhere. `npm run lint:openapi` lints the result with Spectral and Redocly.
//   node scripts/openapi-dump.mjs [out.json]     (default: dist/openapi.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = (path) => require(join(root, 'dist', 'src', path));
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');
const { SwaggerModule } = require('@nestjs/swagger');

const out = resolve(process.argv[2] ?? join(root, 'dist', 'openapi.json'));
const { AppModule } = dist('app.module.js');
const { configureRouting } = dist('app.setup.js');
const { buildOpenApiDocument } = dist('openapi/openapi.js');
const metadata = dist('metadata.js').default;

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { preview: true, logger: false });
configureRouting(app);
await SwaggerModule.loadPluginMetadata(metadata);
const document = buildOpenApiDocument(app);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
console.log(`openapi: wrote ${out} (${Object.keys(document.paths).length} paths)`);
await app.close();

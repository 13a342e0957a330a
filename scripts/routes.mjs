// The route table: `METHOD path → Controller.method (file)  credential`, from the routes the built app
// registers on Fastify (Nest's preview mode: no provider runs, so no database is needed). Run by
// `npm run routes` (after a build); `npm run routes -- --markdown` prints the table in the README's layout section.
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'dist', 'src', 'main.js'));
require('reflect-metadata');
const { NestFactory, Reflector } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');
const { AppModule } = require('./app.module');
const { configureRouting } = require('./app.setup');
const { CREDENTIAL_KEY, credentialAt, doorOf } = require('./auth/route-policy');

/** Every controller class reachable from AppModule, by name. */
function controllersOf(module, found = new Map(), seen = new Set()) {
  if (!module || seen.has(module)) return found;
  seen.add(module);
  for (const controller of Reflect.getMetadata('controllers', module) ?? []) found.set(controller.name, controller);
  for (const imported of Reflect.getMetadata('imports', module) ?? []) controllersOf(imported, found, seen);
  return found;
}

/** The source file that defines a class: the compiled module exporting it, mapped back to src/. */
function sourceFileOf(cls) {
  const compiled = Object.values(require.cache).find((m) => m?.exports && Object.values(m.exports).includes(cls));
  return compiled ? relative(join(root, 'dist'), compiled.filename).replace(/\.js$/, '.ts') : '?';
}

const adapter = new FastifyAdapter();
const registered = [];
adapter.getInstance().addHook('onRoute', (route) => {
  for (const method of [route.method].flat()) {
    if (method !== 'HEAD') registered.push({ method, path: route.url, handler: route.handler?.name ?? '' });
  }
});
const app = await NestFactory.create(AppModule, adapter, { preview: true, logger: false });
configureRouting(app);
await app.init();

const controllers = controllersOf(AppModule);
const reflector = new Reflector();
const rows = registered.map(({ method, path, handler }) => {
  const [className, methodName] = handler.split('.');
  const cls = controllers.get(className);
  const policy = cls && reflector.getAllAndOverride(CREDENTIAL_KEY, [cls.prototype[methodName], cls]);
  return {
    method,
    path,
    handler,
    file: cls ? sourceFileOf(cls) : '?',
    credential: credentialAt(policy, doorOf(path)) ?? 'refused',
  };
});
await app.close();

if (process.argv.includes('--markdown')) {
  // One row per path (and controller file and credential), its methods together.
  const grouped = new Map();
  for (const r of rows) {
    const key = `${r.path} ${r.file} ${r.credential}`;
    grouped.set(key, { ...r, methods: [...(grouped.get(key)?.methods ?? []), r.method] });
  }
  console.log('| Methods | Path | Controller | Credential |');
  console.log('| --- | --- | --- | --- |');
  for (const r of grouped.values()) {
    console.log(`| ${r.methods.join(', ')} | \`${r.path}\` | \`${r.file}\` | ${r.credential} |`);
  }
} else {
  const lines = rows.map((r) => [r.method, r.path, `→ ${r.handler} (${r.file})`, r.credential]);
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((line) => line[i].length)));
  for (const line of lines) console.log(line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
}

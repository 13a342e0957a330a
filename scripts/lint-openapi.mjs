// `npm run lint:openapi` (part of `npm run lint`, hence of `npm test`): dumps the OpenAPI document of the built
// app (scripts/openapi-dump.mjs; dist/ is rebuilt first only when stale) and lints it offline with Spectral
// (`spectral:oas`, .spectral.yaml) and Redocly (`recommended`, redocly.yaml). Fails on any error of either.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale, root } from './lib/build.mjs';

await buildIfStale('lint:openapi');
const document = join(root, 'dist', 'openapi.json');
const bin = (name) => join(root, 'node_modules', '.bin', name);
// No telemetry, no update check: the linters must not need the network.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
const steps = [
  [process.execPath, [join(root, 'scripts', 'openapi-dump.mjs'), document]],
  [
    bin('spectral'),
    [
      'lint',
      document,
      '--ruleset',
      join(root, '.spectral.yaml'),
      '--fail-severity',
      'error',
      '--display-only-failures',
      '-q',
    ],
  ],
  [bin('redocly'), ['lint', document, '--config', join(root, 'redocly.yaml'), '--format', 'summary']],
];
for (const [command, args] of steps) {
  const { status, error } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (error || status !== 0) {
    console.error(`lint:openapi: ${[command, ...args].join(' ')} failed${error ? `: ${error.message}` : ''}`);
    process.exit(1);
  }
}
console.log('lint:openapi: 0 errors (Spectral spectral:oas, Redocly recommended)');

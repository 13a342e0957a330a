// Writes src/metadata.ts: what @nestjs/swagger's CLI plugin learns from the TypeScript types and comments
// of the DTOs and controllers. The build stays plain `tsc`; SwaggerModule.loadPluginMetadata() reads it.
// Run by `npm run build` (and `npm run openapi:metadata`); the OpenAPI e2e spec fails when it is stale.
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = process.argv[2] ?? join(root, 'src');
process.chdir(root);
const file = join(outputDir, 'metadata.ts');
const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      classValidatorShim: true,
      dtoFileNameSuffix: ['.dto.ts', '.query.ts', '.response.ts'],
      controllerFileNameSuffix: ['.controller.ts'],
      pathToSource: join(root, 'src'),
    }),
  ],
  outputDir,
  tsconfigPath: 'tsconfig.build.json',
  printDiagnostics: false,
});
if (readFileSync(file, 'utf8') !== before) console.log(`openapi metadata: wrote ${file}`);

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The `version` of the nearest package.json above this file: the repository's from src/ (tests) and from
 * dist/src/ (the build, and the container image, which ships package.json next to dist/).
 */
export function appVersion(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return String(JSON.parse(readFileSync(file, 'utf8')).version);
    if (dirname(dir) === dir) return '0.0.0';
  }
}

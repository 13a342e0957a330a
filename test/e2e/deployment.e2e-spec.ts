import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/server-process';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The Node major of an image tag like `node:24-alpine` or `node:24.11-bookworm-slim`. */
const nodeMajor = (image: string) => Number(/^node:(\d+)/.exec(image)?.[1]);

/** Whether version `major.0.0`… satisfies a `>=A.B` engines range: only that form is used here. */
function engineAllows(range: string, major: number): boolean {
  const match = /^>=(\d+)(?:\.(\d+))?/.exec(range.trim());
  if (!match) throw new Error(`unexpected engines range ${range}`);
  return major > Number(match[1]) || (major === Number(match[1]) && Number(match[2] ?? 0) === 0);
}

describe('deployment files', () => {
  it('the image builds and runs on one Node LTS major (even) that package.json engines allows', () => {
    const args = Object.fromEntries(
      [...read('Dockerfile').matchAll(/^ARG (\w+_IMAGE)=(\S+)$/gm)].map(([, name, value]) => [name, value]),
    );
    const majors = [nodeMajor(args.BUILD_IMAGE), nodeMajor(args.RUNTIME_IMAGE)];
    expect(majors[0]).toBe(majors[1]);
    // Active LTS in December 2026: Node 24 (Node 20 is past its end of life, 22 is in maintenance).
    expect(majors[0]).toBeGreaterThanOrEqual(24);
    expect(majors[0] % 2).toBe(0);
    expect(engineAllows(JSON.parse(read('package.json')).engines.node, majors[0])).toBe(true);
  });

  it('every variable docker-compose.yml reads is in the README', () => {
    const variables = new Set([...read('docker-compose.yml').matchAll(/\$\{(\w+)/g)].map(([, name]) => name));
    expect(variables.size).toBeGreaterThanOrEqual(4);
    const readme = read('README.md');
    const deploy = readme.slice(readme.indexOf('## Deploying in a container'), readme.indexOf('## Database and'));
    expect([...variables].filter((name) => !deploy.includes(`\`${name}\``))).toEqual([]);
  });

  it('the README has a checklist for a public deployment', () => {
    const readme = read('README.md');
    const checklist = readme.slice(readme.indexOf('### Checklist for a public deployment'));
    for (const setting of ['PAPERCUPS_REGISTRATION_DISABLED', 'CORS_ORIGINS', 'WEBHOOK_ALLOW_PRIVATE_URLS', 'TLS']) {
      expect(checklist.slice(0, 3000)).toContain(setting);
    }
  });
});

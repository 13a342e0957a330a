import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ensureBuilt, ROOT, ServerProcess } from '../support/server-process';

/**
 * The README's shell examples, run in order against a fresh built server, as a reader pasting them into
 * one bash shell would: one `bash -Eeuo pipefail` process, so the variables the examples set (TOKEN, KEY,
 * CUSTOMER_ID, …) carry over. The reader's one setting, `BASE=http://localhost:4000`, is pointed at the
 * server. `curl` is wrapped to fail on any HTTP error (`--fail-with-body`): every example expects success.
 *
 * Each section stands on its own: at every heading the shell forgets what the examples set, except what a
 * reader sets once (READER_VARIABLES), so an example that uses an id made in another section fails.
 *
 * A block is skipped only when the line right above its fence says why:
 * `<!-- readme-spec: skip (the reason) -->`. The script keeps the README's line numbers (everything that is
 * not run is a blank line), so a failure names the README line that failed.
 */
const README = join(ROOT, 'README.md');
const BASE_LINE = 'BASE=http://localhost:4000';
const SHELLS = new Set(['bash', 'sh', 'shell']);
const SKIP = /^<!--\s*readme-spec:\s*skip\s*\((.*)\)\s*-->$/;
/** Set once ("Getting an API key", "Me") and used by every section. */
const READER_VARIABLES = new Set(['BASE', 'TOKEN', 'KEY', 'USER_ID']);

interface Block {
  /** 1-based line of the opening fence. */
  line: number;
  info: string;
  code: string[];
  /** The reason given by a skip marker right above the fence. */
  skip?: string;
}

/** The fenced code blocks of a Markdown text, in order (indented fences, as in lists, included). */
function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, info] = open;
    const start = i;
    const code: string[] = [];
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) code.push(lines[i].slice(indent.length));
    if (i === lines.length) throw new Error(`README.md:${start + 1}: unclosed code fence`);
    const skip = SKIP.exec(lines[start - 1]?.trim() ?? '')?.[1];
    blocks.push({ line: start + 1, info, code, ...(skip !== undefined ? { skip } : {}) });
  }
  return blocks;
}

/**
 * One bash script of the runnable shell blocks, line for line where they stand in `markdown`; line 1 (a
 * heading in any README) carries the prelude.
 */
function scriptOf(markdown: string, base: string): string {
  const lines = markdown.split('\n');
  const out = lines.map(() => '');
  const inBlock = new Set<number>();
  const assigned = new Set<string>();
  for (const block of fencedBlocks(markdown)) {
    for (let n = -1; n <= block.code.length; n++) inBlock.add(block.line + n);
    if (!SHELLS.has(block.info) || block.skip !== undefined) continue;
    block.code.forEach((code, n) => {
      out[block.line + n] = code.trim() === BASE_LINE ? `BASE=${base}` : code;
      const name = /^\s*([A-Za-z_]\w*)=/.exec(code)?.[1];
      if (name && !READER_VARIABLES.has(name)) assigned.add(name);
    });
  }
  lines.forEach((line, i) => {
    if (i > 0 && assigned.size && !inBlock.has(i) && /^#{1,6} /.test(line)) out[i] = `unset ${[...assigned].join(' ')}`;
  });
  out[0] = [
    'set -Eeuo pipefail',
    `trap 'echo "README.md:$LINENO: exit $?" >&2' ERR`,
    // Every example expects a 2xx; one response per line. The failure is the caller's (its README line).
    'curl() { command curl --fail-with-body --silent --show-error --write-out "\\n" "$@" && return; local rc=$?; return $rc; }',
  ].join('; ');
  return out.join('\n');
}

/** Runs `script` with bash in an empty directory; resolves with the exit code and both outputs. */
function bash(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'readme-'));
  const child = spawn('bash', ['-c', script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) =>
    child.once('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('the README runs', () => {
  const markdown = readFileSync(README, 'utf8');
  const blocks = fencedBlocks(markdown).filter((b) => SHELLS.has(b.info));
  let db: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase('readme');
    // The rate limits of a reader's server (the defaults); only password hashing is cheaper (PASSWORD_SCRYPT_N).
    server = await ServerProcess.start({
      DATABASE_URL: db.url,
      RATE_LIMIT_PER_MINUTE: undefined,
      RATE_LIMIT_AUTH_PER_MINUTE: undefined,
      RATE_LIMIT_FAILED_LOGINS_PER_MINUTE: undefined,
      RATE_LIMIT_FAILED_AUTH_PER_IP_PER_MINUTE: undefined,
      // The webhook example's handshake goes to example.com (where that resolves): bounded.
      WEBHOOK_TIMEOUT_MS: '2000',
    });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('every skipped shell block says why, and most blocks run', () => {
    const skipped = blocks.filter((b) => b.skip !== undefined);
    expect(skipped.filter((b) => !b.skip!.trim()).map((b) => b.line)).toEqual([]);
    expect(blocks.length - skipped.length).toBeGreaterThan(2 * skipped.length);
    // The reader's one setting is there, once, in a block that runs.
    const setting = blocks.filter((b) => b.skip === undefined && b.code.some((c) => c.trim() === BASE_LINE));
    expect(setting).toHaveLength(1);
  });

  it('runs every runnable shell example in order, in one shell, against a fresh server', async () => {
    const { code, stdout, stderr } = await bash(scriptOf(markdown, server.url));
    if (code !== 0) {
      throw new Error(
        `README examples failed (exit ${code})\n--- stderr\n${stderr}\n--- stdout (last 4000)\n${stdout.slice(-4000)}`,
      );
    }
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);

  describe('fails, naming the README line', () => {
    const run = (...lines: string[]) => bash(scriptOf(['# heading', ...lines].join('\n'), server.url));

    it('when an example gets an HTTP error', async () => {
      const result = await run('```bash', BASE_LINE, 'curl $BASE/api/v1/me -H "Authorization: Bearer pc_nope"', '```');
      expect(result.code).toBe(22); // curl's exit code for an HTTP error
      expect(result.stdout).toContain('"message":"Not authenticated"');
      expect(result.stderr).toContain('README.md:4: exit 22');
    });

    it('when an example uses a variable nothing set', async () => {
      const result = await run('```bash', BASE_LINE, 'curl "$BASE/health/ready?x=$NEVER_SET"', '```');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('NEVER_SET: unbound variable');
      expect(await run('```bash', BASE_LINE, 'curl "$BASE/health/ready"', '```')).toMatchObject({ code: 0 });
    });

    it("when a section uses another section's id", async () => {
      const section = (id: string) => ['```bash', `ID=${id}`, 'echo "$ID"', '```'];
      const own = await run(...section('1'), '## Next', ...section('2'));
      expect(own).toMatchObject({ code: 0, stdout: '1\n2\n' });
      const borrowed = await run(...section('1'), '## Next', '```bash', 'echo "$ID"', '```');
      expect(borrowed.code).toBe(1);
      expect(borrowed.stderr).toContain('ID: unbound variable');
    });
  });
});

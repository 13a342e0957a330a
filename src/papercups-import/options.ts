export interface CliOptions {
  from: string;
  to: string | undefined;
  dryRun: boolean;
  batchSize: number;
  jobs: number;
  json: boolean;
}

export const USAGE = `Usage: npm run import:papercups -- --from <postgres url of the Papercups database> [options]

Copies a Papercups database into this server's database (DATABASE_URL, or the embedded PostgreSQL under
DATA_DIR when it is unset; stop the server first then). Ids, timestamps, password hashes and API keys are kept.
Safe to run again: rows already imported are left alone; an interrupted run resumes.

Options:
  --from <url>         the Papercups database (or PAPERCUPS_DATABASE_URL)
  --to <url>           this server's database (default: DATABASE_URL, else the embedded one)
  --dry-run            report what would be imported and every row that would be skipped; write nothing
  --batch-size <n>     rows per batch and transaction (default 2000, 1..50000)
  --jobs <n>           batches written at once, one connection each (default 2, 1..16)
  --json               print the report as JSON on stdout (progress stays on stderr)
  -h, --help           this text`;

export class UsageError extends Error {}

function integer(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw new UsageError(`${flag} must be 1..${max}, got "${value}"`);
  return n;
}

const isPostgresUrl = (value: string) => /^postgres(ql)?:\/\//.test(value);

/** Parses argv (without node and the script); throws UsageError with a message naming the problem. */
export function parseOptions(argv: string[], env: Record<string, string | undefined>): CliOptions | null {
  const options: CliOptions = {
    from: env.PAPERCUPS_DATABASE_URL ?? '',
    to: undefined,
    dryRun: false,
    batchSize: 2000,
    jobs: 2,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--from':
        options.from = value();
        break;
      case '--to':
        options.to = value();
        break;
      case '--dry-run':
        options.dryRun = true;
        break;
      case '--json':
        options.json = true;
        break;
      case '--batch-size':
        options.batchSize = integer(flag, value(), 50_000);
        break;
      case '--jobs':
        options.jobs = integer(flag, value(), 16);
        break;
      case '-h':
      case '--help':
        return null;
      default:
        throw new UsageError(`unknown argument "${argv[i]}"`);
    }
  }
  if (!options.from) throw new UsageError('--from <postgres url of the Papercups database> is required');
  if (!isPostgresUrl(options.from)) throw new UsageError('--from must be a postgres:// or postgresql:// URL');
  if (options.to !== undefined && !isPostgresUrl(options.to)) {
    throw new UsageError('--to must be a postgres:// or postgresql:// URL');
  }
  return options;
}

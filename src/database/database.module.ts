import { Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app.config';
import { APP_CONFIG } from '../config/config.module';
import { stopEmbeddedPostgres } from './embedded-postgres';
import { typeOrmOptionsFor } from './typeorm.options';
import { usePreparedStatements } from '../common/queries/hot-query';

const MIGRATION_LOCK_KEY = 7_261_937_001;
const logger = new Logger('Database');
/** Migrations the last migrate() applied: all of them on a new database (the startup summary says so). */
let appliedAtBoot: string[] = [];
export const migrationsAppliedAtBoot = () => appliedAtBoot;

/** Several replicas may boot at once: only one runs the pending migrations, the others wait. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    appliedAtBoot = applied.map((m) => m.name);
    if (applied.length) logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        usePreparedStatements(config.databasePreparedStatements);
        return typeOrmOptionsFor(config);
      },
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await migrate(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    // Close the pool before the embedded server goes away, or idle clients error out.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await stopEmbeddedPostgres();
  }
}

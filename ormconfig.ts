import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from './src/config/app.config';
import { startEmbeddedPostgres } from './src/database/embedded-postgres';
import { buildTypeOrmOptions } from './src/database/typeorm.options';

/**
 * DataSource for the TypeORM CLI (`npm run migration:run|revert|generate`): the server named by
 * DATABASE_URL, else the embedded one under DATA_DIR (the same default the app uses; stop the app first).
 */
async function cliDataSource(): Promise<DataSource> {
  loadDotEnv();
  const config = loadConfig();
  const url = config.databaseUrl ?? (await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort));
  return new DataSource(buildTypeOrmOptions(url, config));
}

export default cliDataSource();

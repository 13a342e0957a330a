import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from './src/config/app.config';
import { typeOrmOptionsFor } from './src/database/typeorm.options';

/**
 * DataSource for the TypeORM CLI (`npm run migration:run|revert|generate`): the server named by
 * DATABASE_URL, else the embedded one under DATA_DIR (the same default the app uses; stop the app first).
 */
async function cliDataSource(): Promise<DataSource> {
  loadDotEnv();
  return new DataSource(await typeOrmOptionsFor(loadConfig()));
}

export default cliDataSource();

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for `q` search (trigram, so ILIKE '%word%' is an index scan), the customer sorts (keyset
 * pages per sort column) and reporting's date-range aggregates.
 */
export class SearchAndReportingIndexes1764200000000 implements MigrationInterface {
  name = 'SearchAndReportingIndexes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX messages_body_trgm_idx ON messages USING gin (body gin_trgm_ops)`);
    await q.query(`CREATE INDEX customers_external_id_trgm_idx ON customers USING gin (external_id gin_trgm_ops)`);
    await q.query(`CREATE INDEX customers_created_at_idx ON customers (account_id, created_at, id)`);
    await q.query(`CREATE INDEX customers_updated_at_idx ON customers (account_id, updated_at, id)`);
    await q.query(`CREATE INDEX customers_name_sort_idx ON customers (account_id, (COALESCE(name, '')), id)`);
    await q.query(`CREATE INDEX conversations_created_at_idx ON conversations (account_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'conversations_created_at_idx',
      'customers_name_sort_idx',
      'customers_updated_at_idx',
      'customers_created_at_idx',
      'customers_external_id_trgm_idx',
      'messages_body_trgm_idx',
    ]) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}

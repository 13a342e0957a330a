import { MigrationInterface, QueryRunner } from 'typeorm';

/** Papercups' customer_issues: which customers an issue affects (the dashboard links them from a customer). */
export class CustomerIssues1764730000000 implements MigrationInterface {
  name = 'CustomerIssues1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE customer_issues (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      issue_id uuid NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (customer_id, issue_id))`);
    await q.query(`CREATE INDEX customer_issues_issue_id_idx ON customer_issues (issue_id)`);
    await q.query(`CREATE INDEX customer_issues_account_id_idx ON customer_issues (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS customer_issues`);
  }
}

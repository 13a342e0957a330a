import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Papercups' account fields the dashboard edits (logo, working hours, settings), inbox slugs, and a primary
 * inbox for every account that has none (accounts made before registration created one, or imported).
 */
export class AccountSettingsAndInboxes1764730020000 implements MigrationInterface {
  name = 'AccountSettingsAndInboxes1764730020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts
      ADD COLUMN company_logo_url text,
      ADD COLUMN working_hours jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN settings jsonb`);
    await q.query(`ALTER TABLE inboxes ADD COLUMN slug varchar(255)`);
    await q.query(`INSERT INTO inboxes (account_id, name, description, is_primary)
      SELECT a.id, 'Primary Inbox',
        'This is the primary Papercups inbox for ' || a.company_name || '. All messages will flow into here by default.',
        true
      FROM accounts a
      WHERE NOT EXISTS (SELECT 1 FROM inboxes i WHERE i.account_id = a.id AND i.is_primary)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inboxes DROP COLUMN slug`);
    await q.query(`ALTER TABLE accounts DROP COLUMN company_logo_url, DROP COLUMN working_hours, DROP COLUMN settings`);
  }
}

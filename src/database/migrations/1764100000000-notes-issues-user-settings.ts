import { MigrationInterface, QueryRunner } from 'typeorm';

const TS = 'timestamptz(3)';
const stamps = `created_at ${TS} NOT NULL DEFAULT now(), updated_at ${TS} NOT NULL DEFAULT now()`;

/** Tables of the rest of the Papercups v1 surface: notes, issues, user settings; an index for tag lists. */
export class NotesIssuesUserSettings1764100000000 implements MigrationInterface {
  name = 'NotesIssuesUserSettings1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE user_settings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id bigint NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
      email_alert_on_new_message boolean NOT NULL DEFAULT false,
      email_alert_on_new_conversation boolean NOT NULL DEFAULT false,
      expo_push_token varchar(255),
      ${stamps})`);

    await q.query(`CREATE TABLE notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      customer_id uuid NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      author_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      body text NOT NULL,
      content_type varchar(32) NOT NULL DEFAULT 'text',
      ${stamps})`);
    await q.query(`CREATE INDEX notes_list_idx ON notes (account_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notes_customer_id_idx ON notes (customer_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notes_author_id_idx ON notes (author_id)`);

    await q.query(`CREATE TABLE issues (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      title varchar(255) NOT NULL,
      body text,
      state varchar(16) NOT NULL DEFAULT 'unstarted'
        CHECK (state IN ('unstarted', 'in_progress', 'in_review', 'done', 'closed')),
      github_issue_url text,
      finished_at ${TS},
      closed_at ${TS},
      metadata jsonb,
      creator_id bigint REFERENCES users(id) ON DELETE SET NULL,
      assignee_id bigint REFERENCES users(id) ON DELETE SET NULL,
      ${stamps})`);
    await q.query(`CREATE INDEX issues_list_idx ON issues (account_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX issues_creator_id_idx ON issues (creator_id)`);
    await q.query(`CREATE INDEX issues_assignee_id_idx ON issues (assignee_id)`);

    await q.query(`CREATE INDEX tags_list_idx ON tags (account_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tags_list_idx`);
    for (const table of ['issues', 'notes', 'user_settings']) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

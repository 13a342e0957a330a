import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chat widget's tables: its settings per account and inbox (Papercups' widget_settings), the per-account
 * widget security settings (allowed origins, identity verification), uploaded files and the files a message
 * carries (Papercups' files and message_files).
 */
export class WidgetAndUploads1764720000000 implements MigrationInterface {
  name = 'WidgetAndUploads1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE widget_settings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      inbox_id uuid REFERENCES inboxes(id) ON DELETE CASCADE,
      title varchar(255),
      subtitle varchar(255),
      color varchar(255),
      greeting text,
      new_message_placeholder varchar(255),
      show_agent_availability boolean,
      agent_available_text varchar(255),
      agent_unavailable_text varchar(255),
      require_email_upfront boolean,
      is_open_by_default boolean NOT NULL DEFAULT false,
      is_branding_hidden boolean NOT NULL DEFAULT false,
      custom_icon_url text,
      iframe_url_override text,
      icon_variant varchar(255) NOT NULL DEFAULT 'outlined',
      email_input_placeholder varchar(255),
      new_messages_notification_text varchar(255),
      base_url text,
      away_message text,
      host varchar(255),
      pathname text,
      last_seen_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now())`);
    // One row per account and inbox; NULLS NOT DISTINCT so an account without inboxes also has just one.
    await q.query(
      `CREATE UNIQUE INDEX widget_settings_account_inbox_key ON widget_settings (account_id, inbox_id) NULLS NOT DISTINCT`,
    );
    await q.query(`CREATE TABLE widget_security (
      account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
      allowed_origins text[] NOT NULL DEFAULT '{}',
      identity_verification boolean NOT NULL DEFAULT false,
      identity_secret varchar(128),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      customer_id uuid REFERENCES customers(id) ON DELETE SET NULL,
      user_id bigint REFERENCES users(id) ON DELETE SET NULL,
      filename varchar(255) NOT NULL,
      unique_filename varchar(255) NOT NULL,
      file_url text NOT NULL,
      content_type varchar(255) NOT NULL,
      byte_size bigint,
      storage_key text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX files_account_id_idx ON files (account_id)`);
    await q.query(`CREATE TABLE message_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      file_id uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT message_files_message_id_file_id_key UNIQUE (message_id, file_id))`);
    await q.query(`CREATE INDEX message_files_file_id_idx ON message_files (file_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS message_files`);
    await q.query(`DROP TABLE IF EXISTS files`);
    await q.query(`DROP TABLE IF EXISTS widget_security`);
    await q.query(`DROP TABLE IF EXISTS widget_settings`);
  }
}

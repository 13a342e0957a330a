import { join } from 'node:path';
import { Client, ClientConfig, types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { Account } from '../accounts/entities/account.entity';
import { Inbox } from '../accounts/entities/inbox.entity';
import { UserSession } from '../auth/entities/user-session.entity';
import { CannedResponse } from '../canned-responses/entities/canned-response.entity';
import { Company } from '../companies/entities/company.entity';
import { Conversation } from '../conversations/entities/conversation.entity';
import { Customer } from '../customers/entities/customer.entity';
import { IdempotencyKey } from '../idempotency/entities/idempotency-key.entity';
import { RateLimitCounter } from '../rate-limit/entities/rate-limit-counter.entity';
import { Issue } from '../issues/entities/issue.entity';
import { CustomerIssue } from '../issues/entities/customer-issue.entity';
import { Event, EventCursor } from '../events/entities/event.entity';
import { Message } from '../messages/entities/message.entity';
import { RealtimeNode } from '../realtime/entities/realtime-node.entity';
import { RealtimePayload } from '../realtime/entities/realtime-payload.entity';
import { RealtimePresence } from '../realtime/entities/realtime-presence.entity';
import { Note } from '../notes/entities/note.entity';
import { Mention } from '../mentions/entities/mention.entity';
import { ServerSecret } from '../conversations/entities/server-secret.entity';
import { UserToken } from '../password-reset/entities/user-token.entity';
import { PersonalApiKey } from '../personal-api-keys/entities/personal-api-key.entity';
import { ConversationTag, CustomerTag } from '../tags/entities/tag-links.entity';
import { Tag } from '../tags/entities/tag.entity';
import { UserProfile } from '../users/entities/user-profile.entity';
import { UserInvitation } from '../user-invitations/entities/user-invitation.entity';
import { UserSettings } from '../users/entities/user-settings.entity';
import { User } from '../users/entities/user.entity';
import { EventSubscription } from '../webhooks/entities/event-subscription.entity';
import { WebhookDelivery, WebhookDeliveryAttempt } from '../webhooks/entities/webhook-delivery.entity';
import { InitialSchema1764028800000 } from './migrations/1764028800000-initial-schema';
import { NotesIssuesUserSettings1764100000000 } from './migrations/1764100000000-notes-issues-user-settings';
import { EventsAndWebhooks1764115200000 } from './migrations/1764115200000-events-and-webhooks';
import { SearchAndReportingIndexes1764200000000 } from './migrations/1764200000000-search-and-reporting-indexes';
import { Hardening1764400000000 } from './migrations/1764400000000-hardening';
import type { AppConfig } from '../config/app.config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { Realtime1764600000000 } from './migrations/1764600000000-realtime';
import { CustomerIssues1764730000000 } from './migrations/1764730000000-customer-issues';
import { CannedResponses1764730010000 } from './migrations/1764730010000-canned-responses';
import { UserTokens1764740000000 } from './migrations/1764740000000-user-tokens';
import { IdempotencyScopeAndLease1764700000000 } from './migrations/1764700000000-idempotency-scope-and-lease';
import { MentionsAndSharing1764740100000 } from './migrations/1764740100000-mentions-and-sharing';
import { AccountSettingsAndInboxes1764730020000 } from './migrations/1764730020000-account-settings-and-inboxes';
import { WidgetAndUploads1764720000000 } from './migrations/1764720000000-widget-and-uploads';
import { FileUpload } from '../uploads/entities/file-upload.entity';
import { MessageFile } from '../uploads/entities/message-file.entity';
import { WidgetSecurity } from '../widget/entities/widget-security.entity';
import { WidgetSetting } from '../widget/entities/widget-setting.entity';
import { EmailAlerts1764740200000 } from './migrations/1764740200000-email-alerts';
import { UserInvitations1764730030000 } from './migrations/1764730030000-user-invitations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { timestamptzParser } from './timestamp-parser';

// int8 (user ids, counts) as JS numbers: user ids are integers on the wire and stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
// `date` columns stay 'YYYY-MM-DD' strings instead of local-midnight Dates.
types.setTypeParser(types.builtins.DATE, (value) => value);
// timestamptz: the same Dates as pg's parser, read without its regular expression (hot reads parse thousands).
types.setTypeParser(types.builtins.TIMESTAMPTZ, timestamptzParser(types.getTypeParser(types.builtins.TIMESTAMPTZ)));

/**
 * pg-pool drops its error listener from a client it hands out, and TypeORM adds its own a microtask later: a
 * fresh connection that PostgreSQL terminates in that gap (a server shutting down) would emit an unhandled
 * 'error' and crash the process. Errors still reach the queries in flight and TypeORM, which discards the client.
 */
class PoolClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

export const ENTITIES = [
  Account,
  Inbox,
  User,
  UserProfile,
  UserSession,
  PersonalApiKey,
  Company,
  Tag,
  ConversationTag,
  CustomerTag,
  Customer,
  Conversation,
  Message,
  UserSettings,
  Note,
  Issue,
  CustomerIssue,
  CannedResponse,
  UserInvitation,
  Event,
  EventCursor,
  EventSubscription,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  RateLimitCounter,
  IdempotencyKey,
  RealtimeNode,
  RealtimePresence,
  RealtimePayload,
  UserToken,
  Mention,
  ServerSecret,
  WidgetSetting,
  WidgetSecurity,
  FileUpload,
  MessageFile,
];
export const MIGRATIONS = [
  InitialSchema1764028800000,
  NotesIssuesUserSettings1764100000000,
  EventsAndWebhooks1764115200000,
  SearchAndReportingIndexes1764200000000,
  Hardening1764400000000,
  Realtime1764600000000,
  IdempotencyScopeAndLease1764700000000,
  WidgetAndUploads1764720000000,
  CustomerIssues1764730000000,
  CannedResponses1764730010000,
  AccountSettingsAndInboxes1764730020000,
  UserInvitations1764730030000,
  UserTokens1764740000000,
  MentionsAndSharing1764740100000,
  EmailAlerts1764740200000,
];

/** The one place TypeORM is configured: used by the app and the migration CLI (ormconfig.ts). */
export function buildTypeOrmOptions(url: string, config: AppConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    // A connection attempt to an unreachable database fails within 5 s (the request then answers 503).
    // statement_timeout: no query (a pathological filter, a lock wait) holds a connection longer (0: none).
    extra: {
      max: config.databasePoolSize,
      connectionTimeoutMillis: 5000,
      Client: PoolClient,
      ...(config.databaseStatementTimeoutMs ? { statement_timeout: config.databaseStatementTimeoutMs } : {}),
    },
    // Failed statements the app expects (a duplicate tag name) are handled; unexpected ones reach the error filter's log.
    logging: config.databaseLogging ? ['query', 'error'] : false,
  };
}

/** The server DATABASE_URL names, else the embedded one under DATA_DIR (started here if it is not running). */
export async function typeOrmOptionsFor(config: AppConfig): Promise<DataSourceOptions> {
  const url = config.databaseUrl ?? (await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort));
  return buildTypeOrmOptions(url, config);
}

import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { CannedResponsesModule } from './canned-responses/canned-responses.module';
import { CompaniesModule } from './companies/companies.module';
import { ConfigModule } from './config/config.module';
import { AuthGuard } from './auth/auth.guard';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { EnvelopeInterceptor } from './common/interceptors/envelope.interceptor';
import { createValidationPipe } from './common/validation/validation.pipe';
import { ConversationsModule } from './conversations/conversations.module';
import { CustomersModule } from './customers/customers.module';
import { DatabaseModule } from './database/database.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { InboxesModule } from './inboxes/inboxes.module';
import { IssuesModule } from './issues/issues.module';
import { MailModule } from './mail/mail.module';
import { HealthModule } from './health/health.module';
import { EmailAlertsModule } from './email-alerts/email-alerts.module';
import { MessagesModule } from './messages/messages.module';
import { NotesModule } from './notes/notes.module';
import { PasswordResetModule } from './password-reset/password-reset.module';
import { PersonalApiKeysModule } from './personal-api-keys/personal-api-keys.module';
import { TagsModule } from './tags/tags.module';
import { ReportingModule } from './reporting/reporting.module';
import { RealtimeModule } from './realtime/realtime.module';
import { UploadsModule } from './uploads/uploads.module';
import { UsersModule } from './users/users.module';
import { WidgetModule } from './widget/widget.module';
import { UserInvitationsModule } from './user-invitations/user-invitations.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    RateLimitModule,
    IdempotencyModule,
    MailModule,
    AuthModule,
    PasswordResetModule,
    PersonalApiKeysModule,
    UsersModule,
    AccountsModule,
    InboxesModule,
    UserInvitationsModule,
    CustomersModule,
    ConversationsModule,
    MessagesModule,
    CompaniesModule,
    TagsModule,
    NotesModule,
    IssuesModule,
    CannedResponsesModule,
    IntegrationsModule,
    ReportingModule,
    WebhooksModule,
    EmailAlertsModule,
    HealthModule,
    RealtimeModule,
    WidgetModule,
    UploadsModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    // The one global interceptor; @Idempotent() POSTs add theirs inside it. Guards run in this order (auth, then limits).
    { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class AppModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '../conversations/conversations.module';
import { CustomersModule } from '../customers/customers.module';
import { MessagesModule } from '../messages/messages.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { CHAT_WRITES } from '../realtime/chat-writes';
import { WidgetSecurity } from './entities/widget-security.entity';
import { WidgetSetting } from './entities/widget-setting.entity';
import { VisitorAccess } from './visitor-access';
import { VisitorConversationsController } from './visitor-conversations.controller';
import { VisitorConversationsService } from './visitor-conversations.service';
import { VisitorCustomersController } from './visitor-customers.controller';
import { VisitorCustomersService } from './visitor-customers.service';
import { WidgetSecurityController } from './widget-security.controller';
import { WidgetSecurityService } from './widget-security.service';
import { WidgetSettingsController } from './widget-settings.controller';
import { WidgetSettingsService } from './widget-settings.service';
import { WidgetWrites } from './widget-writes';

/**
 * The chat widget's server side: its settings, the visitor routes of Papercups' public scope, and the
 * socket's writes (CHAT_WRITES), all through the REST API's services.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([WidgetSetting, WidgetSecurity]),
    CustomersModule,
    ConversationsModule,
    MessagesModule,
    RateLimitModule,
  ],
  controllers: [
    WidgetSettingsController,
    WidgetSecurityController,
    VisitorCustomersController,
    VisitorConversationsController,
  ],
  providers: [
    VisitorAccess,
    WidgetSettingsService,
    WidgetSecurityService,
    VisitorCustomersService,
    VisitorConversationsService,
    WidgetWrites,
    { provide: CHAT_WRITES, useExisting: WidgetWrites },
  ],
  exports: [VisitorAccess],
})
export class WidgetModule {}

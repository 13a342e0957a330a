import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { MessagesModule } from '../messages/messages.module';
import { ConversationExtrasController } from './conversation-extras.controller';
import { ConversationExtrasService } from './conversation-extras.service';
import { SharedConversationsController } from './shared-conversations.controller';
import { ConversationsController } from './conversations.controller';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { ConversationTag } from '../tags/entities/tag-links.entity';
import { Conversation } from './entities/conversation.entity';
import { ServerSecret } from './entities/server-secret.entity';
import { Mention } from '../mentions/entities/mention.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Conversation, ConversationTag, Mention, ServerSecret]),
    MessagesModule,
    EventsModule,
  ],
  controllers: [ConversationsController, ConversationExtrasController, SharedConversationsController],
  providers: [ConversationsService, ConversationsRepository, ConversationExtrasService],
  exports: [ConversationsService],
})
export class ConversationsModule {}

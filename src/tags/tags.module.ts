import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { ConversationTagsController } from './conversation-tags.controller';
import { CustomerTagsController } from './customer-tags.controller';
import { Tag } from './entities/tag.entity';
import { TagLinksService } from './tag-links.service';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tag]), EventsModule],
  controllers: [TagsController, ConversationTagsController, CustomerTagsController],
  providers: [TagsService, TagLinksService],
})
export class TagsModule {}

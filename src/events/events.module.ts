import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Event } from './entities/event.entity';
import { EventNotifications } from './event-notifications';
import { EventRetention } from './event-retention';
import { EventStreamsService } from './event-streams.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({
  imports: [TypeOrmModule.forFeature([Event])],
  controllers: [EventsController],
  providers: [EventsService, EventNotifications, EventStreamsService, EventRetention],
  exports: [EventsService, EventNotifications],
})
export class EventsModule {}

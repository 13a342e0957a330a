import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PgListener } from '../database/pg-listener';
import { Event } from './entities/event.entity';
import { EventNotifications } from './event-notifications';
import { EventRetention } from './event-retention';
import { EventStreamsService } from './event-streams.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({
  imports: [TypeOrmModule.forFeature([Event])],
  controllers: [EventsController],
  // The instance's one LISTEN connection lives here, with its first user; the realtime module shares it.
  providers: [PgListener, EventsService, EventNotifications, EventStreamsService, EventRetention],
  exports: [EventsService, EventNotifications, PgListener],
})
export class EventsModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsModule } from '../events/events.module';
import { CHANNEL_HANDLERS } from './channels/channel';
import { ChannelRegistry } from './channels/channel-registry';
import { ConversationLobbyChannel } from './channels/conversation-lobby.channel';
import { ConversationChannel } from './channels/conversation.channel';
import { IssueLobbyChannel } from './channels/issue-lobby.channel';
import { NotificationChannel } from './channels/notification.channel';
import { RealtimeAccess } from './channels/realtime-access.service';
import { RoomChannel } from './channels/room.channel';
import { ChatWritesLocator } from './channels/write-reply';
import { ChatBroadcasts } from './chat-broadcasts';
import { ChatEventRelay } from './chat-event-relay';
import { PresenceService } from './presence/presence.service';
import { LocalTopics } from './pubsub/local-topics';
import { PostgresRealtimeBus } from './pubsub/postgres-realtime-bus';
import { REALTIME_BUS } from './pubsub/realtime-bus';
import { nodeIdProvider, realtimeConfigProvider } from './realtime.config';
import { Realtime } from './realtime.service';
import { RealtimeServer } from './transport/realtime-server';

/** Papercups' UserSocket, in the order Papercups declares its channels (the most specific pattern wins). */
const CHANNELS = [RoomChannel, ConversationLobbyChannel, ConversationChannel, NotificationChannel, IssueLobbyChannel];

/**
 * Live chat over the Phoenix channels protocol at `/socket/websocket`, on the API's port. Other modules
 * broadcast with Realtime (any topic) or ChatBroadcasts (Papercups' chat events), and implement CHAT_WRITES
 * for the socket's inbound writes.
 */
@Module({
  imports: [AuthModule, EventsModule],
  providers: [
    realtimeConfigProvider,
    nodeIdProvider,
    LocalTopics,
    { provide: REALTIME_BUS, useClass: PostgresRealtimeBus },
    Realtime,
    PresenceService,
    RealtimeAccess,
    ChatWritesLocator,
    ...CHANNELS,
    { provide: CHANNEL_HANDLERS, useFactory: (...handlers: unknown[]) => handlers, inject: CHANNELS },
    ChannelRegistry,
    RealtimeServer,
    ChatBroadcasts,
    ChatEventRelay,
  ],
  exports: [Realtime, ChatBroadcasts, PresenceService],
})
export class RealtimeModule {}

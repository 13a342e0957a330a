import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IncomingMessage, Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CredentialsService } from '../../auth/credentials.service';
import type { AuthUser } from '../../auth/auth-user';
import { clientIp } from '../../common/http/client-ip';
import type { RealtimeConfig } from '../../config/app.config';
import { ChannelRegistry } from '../channels/channel-registry';
import { PresenceService } from '../presence/presence.service';
import { serializerFor } from '../protocol/serializers';
import { LocalTopics } from '../pubsub/local-topics';
import { REALTIME_CONFIG } from '../realtime.config';
import { CLOSE, ConnectionDeps, SocketConnection } from './socket-connection';

/** Phoenix's `socket "/socket", UserSocket` serves its WebSocket transport here (long-polling is off, as in Papercups). */
export const SOCKET_PATH = '/socket/websocket';

/** phoenix.js ≥ 1.8 `authToken`: offered as a WebSocket subprotocol next to `phoenix`. */
const AUTH_TOKEN_PREFIX = 'base64url.bearer.phx.';
const SHUTDOWN_WAIT_MS = 1000;

function tokenFromProtocols(header: string | undefined): string | undefined {
  const offered = header
    ?.split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(AUTH_TOKEN_PREFIX));
  return offered ? Buffer.from(offered.slice(AUTH_TOKEN_PREFIX.length), 'base64url').toString('utf8') : undefined;
}

/** An upgrade that is refused gets a plain HTTP status, as Phoenix answers a refused connect with 403. */
function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The Phoenix channels endpoint on the HTTP server's own port: WebSocket upgrades of `/socket/websocket`
 * are taken here, before Fastify routing. Connect params (query string) are Papercups' UserSocket.connect:
 * `token` (a session access token) makes the socket an agent's, and a token that does not resolve refuses
 * the connection (403); without one the socket is a visitor's. `vsn` picks the serializer.
 */
@Injectable()
export class RealtimeServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Realtime');
  private readonly connections = new Set<SocketConnection>();
  private readonly perIp = new Map<string, number>();
  private readonly wss: WebSocketServer;
  private readonly deps: ConnectionDeps;
  private server: Server | null = null;
  private stopping = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
    private readonly credentials: CredentialsService,
    registry: ChannelRegistry,
    topics: LocalTopics,
    private readonly presence: PresenceService,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: config.maxFrameBytes,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has('phoenix') ? 'phoenix' : false),
    });
    this.deps = { registry, topics, presence, config, logger: this.logger };
  }

  /** Open sockets on this instance. */
  get connectionCount(): number {
    return this.connections.size;
  }

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
  }

  /** Presences leave first (one statement), then every socket is told to go (clients reconnect elsewhere). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.server?.off('upgrade', this.onUpgrade);
    await this.presence.shutdown();
    const open = [...this.connections];
    for (const connection of open) connection.close(CLOSE.goingAway, 'server shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(open.map((connection) => connection.whenGone())),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS))),
    ]);
    clearTimeout(timer);
    for (const connection of open) connection.terminate();
    this.wss.close();
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    this.upgrade(request, socket, head).catch((error: Error) => {
      this.logger.error(`upgrade failed: ${error.stack ?? error.message}`);
      refuse(socket, 500);
    });
  };

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== SOCKET_PATH) return refuse(socket, 404);
    if (this.stopping) return refuse(socket, 503);
    const params = Object.fromEntries(url.searchParams);
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin.toLowerCase() : null;
    const serializer = serializerFor(params.vsn);
    if (!serializer) return refuse(socket, 403);
    const ip = clientIp({ raw: request, ip: request.socket.remoteAddress ?? '' } as unknown as FastifyRequest);
    if ((this.perIp.get(ip) ?? 0) >= this.config.maxConnectionsPerIp) return refuse(socket, 429);
    // Counted from here, so concurrent upgrades of one IP cannot all pass the check while authenticating.
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
    let admitted = false;
    try {
      const token = params.token ?? tokenFromProtocols(request.headers['sec-websocket-protocol']) ?? null;
      let agent: AuthUser | null = null;
      if (token !== null) {
        const principal = await this.credentials.userForAccessToken(token).catch(() => undefined);
        if (principal === undefined) return refuse(socket, 503);
        if (!principal || principal.disabled) return refuse(socket, 403);
        agent = principal.user;
      }
      if (socket.destroyed || this.stopping) return;
      // ws answers an invalid handshake itself (400) without calling back; the callback runs synchronously.
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        admitted = true;
        const connection = new SocketConnection(
          ws,
          { serializer, agent, token, params, ip, origin },
          this.deps,
          (closed) => {
            this.connections.delete(closed);
            this.release(ip);
          },
        );
        this.connections.add(connection);
      });
    } finally {
      if (!admitted) this.release(ip);
    }
  }

  private release(ip: string): void {
    const count = (this.perIp.get(ip) ?? 1) - 1;
    if (count > 0) this.perIp.set(ip, count);
    else this.perIp.delete(ip);
  }
}

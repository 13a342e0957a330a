import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  at: number;
}

export type Reply = { status?: number; body?: string; headers?: Record<string, string> } | 'hang';

/** Answers Papercups' webhook:verify handshake by echoing the challenge raw. */
export const echoChallenge = (request: Received): Reply | undefined =>
  request.json?.event === 'webhook:verify' ? { status: 200, body: request.json.payload } : undefined;

/**
 * A webhook receiver on 127.0.0.1. `reply` decides each answer (default: echo the handshake, 200 otherwise;
 * handshakes are not recorded in `received`);
 * `stop()` frees the port and `start(samePort)` brings it back.
 */
export class Receiver {
  received: Received[] = [];
  reply: (request: Received) => Reply = (request) => echoChallenge(request) ?? { status: 200 };
  port = 0;
  private server: Server | null = null;
  private hanging = new Set<ServerResponse>();

  async start(port = this.port): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: any = null;
        try {
          json = JSON.parse(body);
        } catch {
          // not JSON
        }
        const request = { headers: req.headers, body, json, at: Date.now() };
        const answer = this.reply(request);
        if (request.json?.event !== 'webhook:verify') this.received.push(request);
        if (answer === 'hang') {
          this.hanging.add(res);
          return;
        }
        res.writeHead(answer.status ?? 200, answer.headers ?? {});
        res.end(answer.body ?? 'ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests received (handshakes excluded) whose event is `type`. */
  events(type?: string): Received[] {
    return this.received.filter((r) => type === undefined || r.json?.event === type);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

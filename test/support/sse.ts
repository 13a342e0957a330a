import { get, IncomingMessage } from 'node:http';

export interface SseFrame {
  id?: string;
  event?: string;
  data?: any;
  comment?: string;
}

/** A minimal EventSource over node:http, so tests can pause reading (back-pressure) and see comments. */
export class SseClient {
  frames: SseFrame[] = [];
  status = 0;
  response!: IncomingMessage;
  private buffer = '';

  static open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      const request = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
        client.response = response;
        client.status = response.statusCode ?? 0;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.push(chunk));
        response.on('error', () => undefined);
        resolve(client);
      });
      request.on('error', reject);
    });
  }

  get events(): SseFrame[] {
    return this.frames.filter((f) => f.comment === undefined);
  }

  close(): void {
    this.response?.destroy();
  }

  async waitFor(predicate: (client: SseClient) => boolean, timeoutMs = 5000, what = 'frames'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames).slice(0, 500)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private push(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      for (const line of block.split('\n').filter((l) => l.startsWith(':'))) {
        this.frames.push({ comment: line.slice(1).trim() });
      }
      const fields = block.split('\n').filter((l) => !l.startsWith(':') && l.includes(':'));
      if (!fields.length) continue;
      const frame: SseFrame = {};
      for (const line of fields) {
        const at = line.indexOf(':');
        const [key, value] = [line.slice(0, at), line.slice(at + 1).replace(/^ /, '')];
        if (key === 'id') frame.id = value;
        else if (key === 'event') frame.event = value;
        else if (key === 'data') frame.data = JSON.parse(value);
      }
      if (frame.id !== undefined || frame.event !== undefined) this.frames.push(frame);
    }
  }
}

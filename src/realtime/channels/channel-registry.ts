import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_HANDLERS, ChannelHandler } from './channel';

/** Topic → channel handler; exact topics first, then the longest matching `prefix:*`. */
@Injectable()
export class ChannelRegistry {
  private readonly exact = new Map<string, ChannelHandler>();
  private readonly prefixes: [string, ChannelHandler][] = [];

  constructor(@Inject(CHANNEL_HANDLERS) handlers: ChannelHandler[]) {
    for (const handler of handlers) {
      if (handler.pattern.endsWith('*')) this.prefixes.push([handler.pattern.slice(0, -1), handler]);
      else this.exact.set(handler.pattern, handler);
    }
    this.prefixes.sort(([a], [b]) => b.length - a.length);
  }

  match(topic: string): ChannelHandler | undefined {
    return this.exact.get(topic) ?? this.prefixes.find(([prefix]) => topic.startsWith(prefix))?.[1];
  }
}

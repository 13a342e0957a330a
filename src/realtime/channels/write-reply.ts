import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CHAT_WRITES, ChatWrites, WriteResult } from '../chat-writes';
import { ok, refused, Reply } from './channel';

/**
 * Finds the CHAT_WRITES implementation in whichever module provides it, at first use: that module can
 * import RealtimeModule (for ChatBroadcasts) without RealtimeModule importing it back.
 */
@Injectable()
export class ChatWritesLocator {
  private writes: ChatWrites | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  get(): ChatWrites | undefined {
    if (!this.writes) {
      try {
        this.writes = this.moduleRef.get<ChatWrites>(CHAT_WRITES, { strict: false });
      } catch {
        return undefined;
      }
    }
    return this.writes;
  }

  /** Runs a write through the integration point, or answers "unavailable" while none is bound. */
  async reply(write: (writes: ChatWrites) => Promise<WriteResult>): Promise<Reply> {
    const writes = this.get();
    if (!writes) return refused('unavailable');
    const result = await write(writes);
    return 'error' in result ? { status: 'error', response: result.error } : ok();
  }
}

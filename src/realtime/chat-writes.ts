import type { AuthUser } from '../auth/auth-user';

/**
 * INTEGRATION POINT (issue 12, step two): the writes the socket's inbound events make. The implementation
 * must go through the same services as the REST API (validation, the event recorded in the same
 * transaction, webhooks, the SSE stream) and then broadcast through ChatBroadcasts, exactly as a REST
 * write does, so the socket never has a second write path. Provide it from any module, e.g.
 * `{ provide: CHAT_WRITES, useExisting: WidgetWrites }` (found at first use with ModuleRef, strict: false,
 * so that module may import RealtimeModule for ChatBroadcasts without a cycle). Until one is provided, these
 * events are answered `{"reason": "unavailable"}` and write nothing.
 *
 * Expected failures (validation, a conversation that is not the caller's) come back as `{error}`, the
 * response of the error reply; exceptions are for the unexpected and crash the channel, as in Phoenix.
 */
export interface ChatWrites {
  /**
   * `shout` on `conversation:<id>` by the visitor that joined it. `conversationId`, `accountId` and
   * `customerId` come from the join, never from the payload; the payload carries `body`, `sent_at`,
   * `file_ids`, `metadata` as the widget sends them (its `customer_id` and `type` are ignored).
   */
  createVisitorMessage(input: {
    accountId: string;
    conversationId: string;
    customerId: string;
    payload: Record<string, unknown>;
  }): Promise<WriteResult>;

  /**
   * `shout` on `notification:<account_id>` by an agent: a reply (or private note) in `payload.conversation_id`,
   * which must be a conversation of the agent's account; `body`, `private`, `file_ids`,
   * `mentioned_user_ids`, `sent_at`, `metadata` as the dashboard sends them.
   */
  createAgentMessage(input: { agent: AuthUser; payload: Record<string, unknown> }): Promise<WriteResult>;

  /** `messages:seen` on `conversation:<id>`: the agents' messages of the conversation get `seen_at`. */
  markAgentMessagesSeen(input: { accountId: string; conversationId: string }): Promise<WriteResult>;

  /** `read` on `notification:<account_id>`: `{conversation_id}` is marked read (and broadcast as updated). */
  markConversationRead(input: { agent: AuthUser; conversationId: string }): Promise<WriteResult>;
}

export type WriteResult = { ok: true } | { error: object };

export const CHAT_WRITES = Symbol('CHAT_WRITES');

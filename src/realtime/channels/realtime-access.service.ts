import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { CredentialsService } from '../../auth/credentials.service';
import { isUuid, SocketContext } from './channel';

export interface ConversationRef {
  id: string;
  accountId: string;
  customerId: string;
}

/**
 * The lookups channel joins authorise with: one indexed query each. Visitors prove nothing but the ids they
 * hold (the widget keeps its customer id in local storage), so a visitor's claim is checked against the
 * database: the customer must exist in the socket's account, and a conversation must be that customer's.
 */
@Injectable()
export class RealtimeAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: CredentialsService,
  ) {}

  /** The socket's agent, re-checked now: a session logged out or expired since connect no longer joins. */
  async currentAgent(socket: SocketContext): Promise<AuthUser | null> {
    if (!socket.token) return null;
    const principal = await this.credentials.userForAccessToken(socket.token);
    return principal && !principal.disabled ? principal.user : null;
  }

  async accountExists(accountId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM accounts WHERE id = $1`, [accountId]);
    return rows.length > 0;
  }

  async customerAccount(customerId: string): Promise<string | null> {
    const [row] = await this.db.query<{ account_id: string }[]>(`SELECT account_id FROM customers WHERE id = $1`, [
      customerId,
    ]);
    return row?.account_id ?? null;
  }

  async conversation(conversationId: string): Promise<ConversationRef | null> {
    const [row] = await this.db.query<{ id: string; account_id: string; customer_id: string }[]>(
      `SELECT id, account_id, customer_id FROM conversations WHERE id = $1`,
      [conversationId],
    );
    return row ? { id: row.id, accountId: row.account_id, customerId: row.customer_id } : null;
  }

  /**
   * Visitor sockets from a browser page must come from one of the account's allowed origins when it restricts
   * them (widget security); agents and non-browser clients (no Origin) are not held to it.
   */
  async originAllowed(socket: SocketContext, accountId: string): Promise<boolean> {
    if (socket.agent || !socket.origin) return true;
    const [row] = await this.db.query<{ allowed_origins: string[] }[]>(
      `SELECT allowed_origins FROM widget_security WHERE account_id = $1`,
      [accountId],
    );
    return !row?.allowed_origins.length || row.allowed_origins.includes(socket.origin);
  }

  /**
   * A visitor socket may name its account (`account_id` param, as the widget does); when it does, it must be
   * the account of what it joins. Agents are held to their own account.
   */
  static sameAccount(socket: SocketContext, accountId: string): boolean {
    if (socket.agent) return socket.agent.accountId === accountId;
    const claimed = socket.params.account_id;
    return !isUuid(claimed) || claimed.toLowerCase() === accountId;
  }
}

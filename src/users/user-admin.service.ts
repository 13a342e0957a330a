import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { CredentialsService } from '../auth/credentials.service';
import { badRequest, notFound, unprocessable } from '../common/errors';
import { OkResponse } from '../common/dto/ok.response';
import { UserResponse } from './dto/user.response';
import { User } from './entities/user.entity';
import { USER_ROLES, UserRole } from './user.enums';
import { toUserResponse } from './user.mapper';
import { assertIfMatch } from '../conditional-requests/if-match';

type Change = 'disable' | 'enable' | 'archive' | 'delete' | 'role';

/** Papercups' messages for acting on yourself. */
const SELF: Partial<Record<Change, string>> = {
  disable: 'You cannot disable yourself.',
  enable: 'You cannot enable yourself.',
  archive: 'You cannot archive yourself.',
};

export const LAST_ADMIN = 'An account needs at least one enabled admin: make another user admin first';

/**
 * An admin's changes to the account's users. Each runs in one transaction that first locks the account's
 * admins, so no two concurrent changes can leave the account without an enabled admin (each sees the
 * other's result). A user who loses access (disabled, archived, deleted) or changes role is dropped from
 * this instance's API-key cache at once; other instances re-read it within API_KEY_CACHE_TTL_MS. Sessions are
 * checked against the user on every request.
 */
@Injectable()
export class UserAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: CredentialsService,
  ) {}

  disable(caller: AuthUser, id: number): Promise<UserResponse> {
    return this.change(caller, id, 'disable', { disabledAt: new Date() });
  }

  enable(caller: AuthUser, id: number): Promise<UserResponse> {
    return this.change(caller, id, 'enable', { disabledAt: null });
  }

  archive(caller: AuthUser, id: number): Promise<UserResponse> {
    return this.change(caller, id, 'archive', { archivedAt: new Date() });
  }

  setRole(caller: AuthUser, id: number, role: unknown): Promise<UserResponse> {
    if (!USER_ROLES.includes(role as UserRole)) throw badRequest("Role must be either 'user' or 'admin'");
    return this.change(caller, id, 'role', { role: role as UserRole });
  }

  /** Their notes go with them; conversations, messages and issues stay, unassigned (ON DELETE SET NULL). */
  async remove(caller: AuthUser, id: number): Promise<OkResponse> {
    await this.db.transaction(async (manager) => {
      const user = await this.lockedTarget(manager, caller.accountId, id);
      // If-Match against what GET /users/:id shows.
      await assertIfMatch(manager, User, { id, accountId: caller.accountId }, async () =>
        toUserResponse(await manager.findOneOrFail(User, { where: { id }, relations: { profile: true } })),
      );
      await this.assertAdminLeft(manager, caller.accountId, user, 'delete');
      await manager.delete(User, { id, accountId: caller.accountId });
    });
    this.credentials.forgetUser(id);
    return { ok: true };
  }

  private async change(caller: AuthUser, id: number, change: Change, columns: Partial<User>): Promise<UserResponse> {
    if (caller.userId === id && SELF[change]) throw badRequest(SELF[change]);
    const user = await this.db.transaction(async (manager) => {
      const target = await this.lockedTarget(manager, caller.accountId, id);
      await this.assertAdminLeft(manager, caller.accountId, Object.assign(new User(), target, columns), change);
      await manager.update(User, { id, accountId: caller.accountId }, columns);
      return manager.findOneOrFail(User, { where: { id }, relations: { profile: true } });
    });
    this.credentials.forgetUser(id);
    return toUserResponse(user);
  }

  /** Locks the account's admins (in id order, so concurrent changes queue rather than deadlock), then the target. */
  private async lockedTarget(manager: EntityManager, accountId: string, id: number): Promise<User> {
    await manager.query(`SELECT id FROM users WHERE account_id = $1 AND role = 'admin' ORDER BY id FOR UPDATE`, [
      accountId,
    ]);
    const user = await manager.findOne(User, { where: { id, accountId }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw notFound();
    return user;
  }

  /** After the change (`after`, or the user gone for a delete), some other or this user is an enabled admin. */
  private async assertAdminLeft(manager: EntityManager, accountId: string, after: User, change: Change) {
    const stillAdmin =
      change !== 'delete' && after.role === 'admin' && after.disabledAt === null && after.archivedAt === null;
    if (stillAdmin) return;
    const [{ n }] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM users
       WHERE account_id = $1 AND id <> $2 AND role = 'admin' AND disabled_at IS NULL AND archived_at IS NULL`,
      [accountId, after.id],
    );
    if (n === 0) throw unprocessable(LAST_ADMIN);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { OkResponse } from '../common/dto/ok.response';
import { notFound } from '../common/errors';
import { Conversation } from '../conversations/entities/conversation.entity';
import { Customer } from '../customers/entities/customer.entity';
import { ConversationTag, CustomerTag } from './entities/tag-links.entity';
import { Tag } from './entities/tag.entity';

/** What can carry tags: the parent entity, its link entity and the link's parent column. */
const TAGGABLE = {
  conversation: { parent: Conversation, link: ConversationTag, column: 'conversationId' },
  customer: { parent: Customer, link: CustomerTag, column: 'customerId' },
} as const;

export type Taggable = keyof typeof TAGGABLE;

/**
 * Papercups' `POST /conversations/:id/tags` and `DELETE /conversations/:id/tags/:tag_id` (same for
 * customers). Both are idempotent: tagging twice keeps one link, untagging what is not tagged is fine.
 */
@Injectable()
export class TagLinksService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async add(kind: Taggable, user: AuthUser, parentId: string, tagId: string): Promise<OkResponse> {
    const { parent, link, column } = TAGGABLE[kind];
    await this.parentOrFail(parent, user.accountId, parentId);
    await this.tagOrFail(user.accountId, tagId);
    await this.db
      .createQueryBuilder()
      .insert()
      .into(link)
      .values({ accountId: user.accountId, tagId, creatorId: user.userId, [column]: parentId })
      .orIgnore()
      .execute();
    return { ok: true };
  }

  async remove(kind: Taggable, accountId: string, parentId: string, tagId: string): Promise<OkResponse> {
    const { parent, link, column } = TAGGABLE[kind];
    await this.parentOrFail(parent, accountId, parentId);
    await this.tagOrFail(accountId, tagId);
    await this.db.manager.delete(link, { accountId, tagId, [column]: parentId });
    return { ok: true };
  }

  /** The tag is part of what the route addresses: another account's or a missing tag is a 404 both ways. */
  private async tagOrFail(accountId: string, tagId: string) {
    if (!(await this.db.manager.existsBy(Tag, { id: tagId, accountId }))) throw notFound();
  }

  private async parentOrFail(entity: typeof Conversation | typeof Customer, accountId: string, id: string) {
    if (!(await this.db.manager.existsBy(entity, { id, accountId }))) throw notFound();
  }
}

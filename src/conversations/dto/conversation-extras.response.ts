import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IntegerProperty } from '../../openapi/properties';

/** Unread (open, unread) conversations per dashboard folder. */
@ApiSchema({ name: 'UnreadConversationCounts' })
export class UnreadConversationCounts {
  @IntegerProperty(3) open!: number;
  @IntegerProperty(1) assigned!: number;
  @IntegerProperty(0) priority!: number;
  @IntegerProperty(3) unread!: number;
  @IntegerProperty(2) unassigned!: number;
  @IntegerProperty(0) closed!: number;
  /** Open conversations mentioning the caller, mentions not yet seen. */
  @IntegerProperty(1) mentioned!: number;
}

const PER_INBOX = { type: 'object', additionalProperties: { type: 'integer' }, example: { '0e2d5b0c-…': 3 } } as const;

/**
 * Papercups' `GET /api/conversations/unread`: `conversations` and `inboxes` (unread per inbox id), which the
 * dashboard reads, and the folder counts again at the top level, as Papercups still sends them (its
 * deprecated top-level copies of the per-inbox counts are left out).
 */
@ApiSchema({ name: 'UnreadCounts' })
export class UnreadCountsResponse extends UnreadConversationCounts {
  conversations!: UnreadConversationCounts;
  @ApiProperty(PER_INBOX) inboxes!: Record<string, number>;
}

/** `POST /api/conversations/:id/share`: the token of a public link, valid for 24 hours. */
@ApiSchema({ name: 'ShareToken' })
export class ShareTokenResponse {
  @ApiProperty({ type: 'boolean', enum: [true], example: true }) ok!: true;
  @ApiProperty({ type: 'string', example: 'eyJjIjoi….Qm9v…' }) token!: string;
}

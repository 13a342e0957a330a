import { Max } from 'class-validator';
import { Int, MSG, Optional } from '../../common/validation/fields';

/** `GET /conversations/:id/related?limit=`: Papercups' default is 3; more than 50 is refused. */
export class RelatedConversationsQuery {
  @Optional() @Int(1) @Max(50, { message: MSG.invalid }) limit?: number;
}

import { IsUUID } from 'class-validator';
import { MSG } from '../../common/validation/fields';

/** `/:id/tags/:tag_id`: both UUIDs, else a 400 like any malformed path id. */
export class TagLinkParams {
  @IsUUID('all', { message: MSG.invalid }) id!: string;
  @IsUUID('all', { message: MSG.invalid }) tag_id!: string;
}

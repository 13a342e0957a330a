import { IsUUID } from 'class-validator';
import { MSG } from '../validation/fields';

/** A path id that is not a UUID is a 400 (Papercups' Ecto.Query.CastError), never a 500. */
export class UuidParam {
  @IsUUID('all', { message: MSG.invalid }) id!: string;
}

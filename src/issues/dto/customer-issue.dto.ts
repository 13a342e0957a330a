import { IsUUID } from 'class-validator';
import { MSG, Required, Uuid } from '../../common/validation/fields';
import { RecordFields } from '../../common/validation/record-fields';

/** `POST /customers/:id/issues`: a flat `{"issue_id": ...}`, as Papercups takes it. */
export class CustomerIssueBody extends RecordFields {
  @Required() @Uuid() issue_id!: string;
}

/** `/customers/:id/issues/:issue_id`: both UUIDs, else a 400 like any malformed path id. */
export class CustomerIssueParams {
  @IsUUID('all', { message: MSG.invalid }) id!: string;
  @IsUUID('all', { message: MSG.invalid }) issue_id!: string;
}

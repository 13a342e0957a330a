import { IsUUID } from 'class-validator';
import { UuidParam } from '../../common/dto/uuid-param.dto';
import { MSG } from '../../common/validation/fields';

/** `/event_subscriptions/:id/deliveries/:delivery_id/...`: both UUIDs, else a 400. */
export class DeliveryParams extends UuidParam {
  @IsUUID('all', { message: MSG.invalid }) delivery_id!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { USER_ROLES, UserRole } from '../user.enums';

/** `PUT /api/users/:id/role`: a flat `{"role": "admin" | "user"}`, as Papercups takes it (checked in the service). */
export class UserRoleBody {
  @ApiProperty({ enum: USER_ROLES, example: 'admin' })
  @IsOptional()
  role?: UserRole;
}

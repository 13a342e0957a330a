import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Example } from '../../openapi/properties';

/** `{"success": true, "email": …}` after a reset (Papercups' reset_password). */
@ApiSchema({ name: 'PasswordResetDone' })
export class PasswordResetDoneResponse {
  @ApiProperty({ type: 'boolean', enum: [true], example: true }) success!: true;
  @Example('agent@example.com') email!: string;
}

/** `{"success": true}`, with a message when the email had already been verified (Papercups' verify_email). */
@ApiSchema({ name: 'EmailVerified' })
export class EmailVerifiedResponse {
  @ApiProperty({ type: 'boolean', enum: [true], example: true }) success!: true;
  @ApiPropertyOptional({ type: 'string', example: 'Email already verified!' }) message?: string;
}

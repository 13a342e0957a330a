import { Body, Controller, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import { Public, RateLimit } from '../auth/route-policy';
import { OkResponse } from '../common/dto/ok.response';
import { ApiData, ApiError } from '../openapi/decorators';
import { RequestPasswordResetBody, ResetPasswordBody, VerifyEmailBody } from './dto/password-reset.dto';
import { EmailVerifiedResponse, PasswordResetDoneResponse } from './dto/password-reset.response';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';

/** Public (the links come by mail) and limited per client IP, like registration and sessions. */
@Public()
@RateLimit('per-ip')
@Controller()
export class PasswordResetController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly verification: EmailVerificationService,
  ) {}

  @ApiData(OkResponse, 200, 'Always, whether or not the email has an account (the link goes by mail).')
  @Post('reset_password')
  @HttpCode(HttpStatus.OK)
  requestReset(@Body() body: RequestPasswordResetBody): OkResponse {
    return this.resets.request(body.email);
  }

  @ApiData(PasswordResetDoneResponse)
  @ApiError(401, 'Unknown, used or expired token: "Invalid or expired password reset link".')
  @Put('reset_password')
  reset(@Body() body: ResetPasswordBody): Promise<PasswordResetDoneResponse> {
    return this.resets.reset(body);
  }

  @ApiData(EmailVerifiedResponse)
  @ApiError(401, 'Unknown or expired token: "Invalid verification token".')
  @Post('verify_email')
  @HttpCode(HttpStatus.OK)
  verify(@Body() body: VerifyEmailBody): Promise<EmailVerifiedResponse> {
    return this.verification.verify(body.token);
  }
}

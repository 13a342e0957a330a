import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { notConfigured } from '../common/errors';
import { ApiNotConfigured, ApiUnconnected } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';
import { Idempotent } from '../idempotency/idempotent.decorator';

/**
 * Papercups' integration passthroughs. This server keeps no Slack, Twilio, Gmail or GitHub authorizations.
 * Slack and GitHub answer what Papercups answers an account without one (200, `{"data": null}` or
 * `{"data": []}`), so the official clients' calls resolve; Twilio and Gmail, where Papercups fails (a 500, a
 * 403), answer 422 `"<Integration> integration not configured"`. The request body is never read.
 */
@Credential('api-key')
@Controller({ version: '1' })
export class IntegrationsController {
  @ApiUnconnected('Slack', null)
  @HttpCode(200)
  @Idempotent()
  @Post('slack/notify')
  slackNotify() {
    return null;
  }

  @ApiNotConfigured('Twilio')
  @Idempotent()
  @Post('twilio/send')
  twilioSend() {
    throw notConfigured('Twilio');
  }

  @ApiNotConfigured('Gmail')
  @Idempotent()
  @Post('gmail/send')
  gmailSend() {
    throw notConfigured('Gmail');
  }

  @ApiUnconnected('GitHub', [])
  @Get('github/repos')
  githubRepos() {
    return [];
  }

  @ApiUnconnected('GitHub', [])
  @Get('github/issues')
  githubIssues() {
    return [];
  }

  @ApiUnconnected('GitHub', [])
  @HttpCode(200)
  @Idempotent()
  @Post('github/issues')
  createGithubIssue() {
    return [];
  }
}

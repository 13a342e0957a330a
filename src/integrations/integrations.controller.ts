import { Controller, Get, Post } from '@nestjs/common';
import { notConfigured } from '../common/errors';
import { ApiNotConfigured } from '../openapi/decorators';
import { Credential } from '../auth/route-policy';

/**
 * Papercups' integration passthroughs. This server keeps no Slack, Twilio, Gmail or GitHub
 * authorizations, so each route answers 422 `"<Integration> integration not configured"` (the
 * request body is not read): a clear client-side error, never a 404 or a 500.
 */
@Credential('api-key')
@Controller({ version: '1' })
export class IntegrationsController {
  @ApiNotConfigured('Slack')
  @Post('slack/notify')
  slackNotify() {
    throw notConfigured('Slack');
  }

  @ApiNotConfigured('Twilio')
  @Post('twilio/send')
  twilioSend() {
    throw notConfigured('Twilio');
  }

  @ApiNotConfigured('Gmail')
  @Post('gmail/send')
  gmailSend() {
    throw notConfigured('Gmail');
  }

  @ApiNotConfigured('GitHub')
  @Get('github/repos')
  githubRepos() {
    throw notConfigured('GitHub');
  }

  @ApiNotConfigured('GitHub')
  @Get('github/issues')
  githubIssues() {
    throw notConfigured('GitHub');
  }

  @ApiNotConfigured('GitHub')
  @Post('github/issues')
  createGithubIssue() {
    throw notConfigured('GitHub');
  }
}

import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { EmptyResponse } from '../auth/dto/session.response';
import { Credential, RequireRole } from '../auth/route-policy';
import { UuidParam } from '../common/dto/uuid-param.dto';
import { ApiCreated, ApiData, ApiDataList, ApiDeleted } from '../openapi/decorators';
import { UserRole } from '../users/user.enums';
import { CreateUserInvitationBody, UpdateUserInvitationBody, UserInvitationEmailBody } from './dto/user-invitation.dto';
import { UserInvitationResponse } from './dto/user-invitation.response';
import { UserInvitationsService } from './user-invitations.service';
import { Idempotent } from '../idempotency/idempotent.decorator';

/** Invitations to the account (`/api`, session token, admins). The id is the token a newcomer registers with. */
@Credential('session')
@RequireRole(UserRole.Admin)
@Controller('user_invitations')
export class UserInvitationsController {
  constructor(private readonly invitations: UserInvitationsService) {}

  @ApiDataList(UserInvitationResponse)
  @Get()
  list(@CurrentUser() user: AuthUser): Promise<UserInvitationResponse[]> {
    return this.invitations.list(user.accountId);
  }

  /** The dashboard's "copy invite link": `<origin>/register/<id>`. */
  @ApiCreated(UserInvitationResponse)
  @Idempotent()
  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateUserInvitationBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserInvitationResponse> {
    const invitation = await this.invitations.create(user, body.user_invitation);
    reply.header('location', `/api/user_invitations/${invitation.id}`);
    return invitation;
  }

  @ApiData(UserInvitationResponse)
  @Get(':id')
  show(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<UserInvitationResponse> {
    return this.invitations.get(user.accountId, id);
  }

  /** `{"user_invitation": {"expires_at": ...}}`: extend or cut short. */
  @ApiData(UserInvitationResponse)
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: UuidParam,
    @Body() body: UpdateUserInvitationBody,
  ): Promise<UserInvitationResponse> {
    return this.invitations.update(user.accountId, id, body.user_invitation);
  }

  /** PATCH is the same partial update as PUT, as in Papercups. */
  @ApiData(UserInvitationResponse)
  @Patch(':id')
  patch(
    @CurrentUser() user: AuthUser,
    @Param() params: UuidParam,
    @Body() body: UpdateUserInvitationBody,
  ): Promise<UserInvitationResponse> {
    return this.update(user, params, body);
  }

  @ApiDeleted()
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: UuidParam): Promise<void> {
    return this.invitations.remove(user.accountId, id);
  }
}

/** `POST /api/user_invitation_emails`: a new invitation mailed to `to_address` (201, as Papercups answers). */
@Credential('session')
@RequireRole(UserRole.Admin)
@Controller('user_invitation_emails')
export class UserInvitationEmailsController {
  constructor(private readonly invitations: UserInvitationsService) {}

  @ApiData(EmptyResponse, HttpStatus.CREATED, 'Created and mailed.')
  @Idempotent()
  @Post()
  async send(@CurrentUser() user: AuthUser, @Body() body: UserInvitationEmailBody): Promise<EmptyResponse> {
    await this.invitations.sendEmail(user, body.to_address);
    return {};
  }
}

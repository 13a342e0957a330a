import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CredentialsService } from '../../auth/credentials.service';
import { accountDisabled, notAuthenticated } from '../errors';
import { IS_PUBLIC_KEY } from './decorators';

const PUBLIC_API_PREFIX = '/api/v1/';

/**
 * The one auth gate, as in Papercups: `/api/v1/*` takes a personal API key (`Authorization: Bearer <key>`);
 * the internal `/api/*` routes take a session token (`Authorization: <token>` or `Bearer <token>`).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: unknown = request.headers.authorization;
    if (typeof header !== 'string' || !header.trim()) throw notAuthenticated();
    const isPublicApi = (request.url as string).startsWith(PUBLIC_API_PREFIX);
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];

    const principal = isPublicApi
      ? bearer && (await this.credentials.userForApiKey(bearer))
      : await this.credentials.userForAccessToken(bearer ?? header.trim());
    if (!principal) throw notAuthenticated();
    if (principal.disabled) throw accountDisabled();
    request.user = principal.user;
    return true;
  }
}

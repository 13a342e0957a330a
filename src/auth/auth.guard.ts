import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { accountDisabled, notAuthenticated } from '../common/errors';
import { bearerToken, sessionToken } from './bearer-token';
import { CredentialsService, Principal } from './credentials.service';
import { routeCredential } from './route-policy';

/**
 * The one auth gate: each route takes the credential it declares (@Credential, @Public) at the door Fastify
 * matched. A route that declares none is refused (and fails the boot check in RoutePolicyCheck).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const credential = routeCredential(this.reflector, context);
    if (credential === 'none') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.trim()) throw notAuthenticated();
    const principal = await this.principalFor(credential, header);
    if (!principal) throw notAuthenticated();
    if (principal.disabled) throw accountDisabled();
    request.user = principal.user;
    return true;
  }

  private async principalFor(credential: string | undefined, header: string): Promise<Principal | null> {
    switch (credential) {
      case 'api-key': {
        const key = bearerToken(header);
        return key ? this.credentials.userForApiKey(key) : null;
      }
      case 'session':
        return this.credentials.userForAccessToken(sessionToken(header)!);
      default:
        // 'visitor' (the widget API defines it), or no credential for this door.
        return null;
    }
  }
}

import { Injectable, OnModuleInit, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { CREDENTIAL_KEY, CredentialPolicy, IDEMPOTENT_KEY } from './route-policy';

const takesCredential = (policy: CredentialPolicy) =>
  typeof policy === 'object' ? Object.values(policy).some((kind) => kind !== 'none') : policy !== 'none';

/**
 * At boot: every route handler declares its credential (on the handler or its controller), and every POST
 * that takes one declares @Idempotent(), or the app does not start.
 */
@Injectable()
export class RoutePolicyCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared: string[] = [];
    const notIdempotent: string[] = [];
    for (const { metatype } of this.discovery.getControllers()) {
      const controller = metatype as Type | undefined;
      if (!controller) continue;
      for (const name of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as (...args: unknown[]) => unknown;
        if (!Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
        const policy = this.reflector.getAllAndOverride<CredentialPolicy | undefined>(CREDENTIAL_KEY, [
          handler,
          controller,
        ]);
        if (policy === undefined) undeclared.push(`${controller.name}.${name}`);
        const post = Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST;
        if (post && policy !== undefined && takesCredential(policy) && !Reflect.getMetadata(IDEMPOTENT_KEY, handler)) {
          notIdempotent.push(`${controller.name}.${name}`);
        }
      }
    }
    if (undeclared.length) {
      throw new Error(`Routes without a declared credential (@Credential or @Public): ${undeclared.join(', ')}`);
    }
    if (notIdempotent.length) {
      throw new Error(`POST routes taking a credential without @Idempotent(): ${notIdempotent.join(', ')}`);
    }
  }
}

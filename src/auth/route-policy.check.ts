import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { CREDENTIAL_KEY } from './route-policy';

/** At boot: every route handler declares its credential (on the handler or its controller), or the app does not start. */
@Injectable()
export class RoutePolicyCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const undeclared: string[] = [];
    for (const { metatype } of this.discovery.getControllers()) {
      const controller = metatype as Type | undefined;
      if (!controller) continue;
      for (const name of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as (...args: unknown[]) => unknown;
        if (!Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
        if (this.reflector.getAllAndOverride(CREDENTIAL_KEY, [handler, controller]) === undefined) {
          undeclared.push(`${controller.name}.${name}`);
        }
      }
    }
    if (undeclared.length) {
      throw new Error(`Routes without a declared credential (@Credential or @Public): ${undeclared.join(', ')}`);
    }
  }
}

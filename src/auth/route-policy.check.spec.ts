import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { Credential, Public } from './route-policy';
import { RoutePolicyCheck } from './route-policy.check';

const check = (...controllers: unknown[]) =>
  new RoutePolicyCheck(
    { getControllers: () => controllers.map((metatype) => ({ metatype })) } as unknown as DiscoveryService,
    new MetadataScanner(),
    new Reflector(),
  ).onModuleInit();

@Controller('ok')
@Credential({ v1: 'api-key', unversioned: 'session' })
class Declared {
  @Get() list() {}
  @Idempotent() @Post() create() {}
  @Public() @Post('login') login() {}
}

@Controller('no-credential')
class NoCredential {
  @Get() list() {}
}

@Controller('no-idempotency')
@Credential('visitor')
class NoIdempotency {
  @Post() create() {}
}

describe('RoutePolicyCheck', () => {
  it('boots when every route declares its credential and every POST taking one is @Idempotent()', () => {
    expect(() => check(Declared)).not.toThrow();
  });

  it('stops the boot for a route without a credential', () => {
    expect(() => check(Declared, NoCredential)).toThrow(
      'Routes without a declared credential (@Credential or @Public): NoCredential.list',
    );
  });

  it('stops the boot for a POST that takes a credential but does not declare @Idempotent()', () => {
    expect(() => check(NoIdempotency)).toThrow(
      'POST routes taking a credential without @Idempotent(): NoIdempotency.create',
    );
  });
});

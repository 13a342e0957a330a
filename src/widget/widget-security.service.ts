import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WidgetSecurityFields, WidgetSecurityResponse } from './dto/widget-security.dto';
import { WidgetSecurity } from './entities/widget-security.entity';

const toResponse = (s: WidgetSecurity | null): WidgetSecurityResponse => ({
  object: 'widget_security',
  allowed_origins: s?.allowedOrigins ?? [],
  identity_verification: s?.identityVerification ?? false,
  identity_secret: s?.identitySecret ?? null,
});

/** Admins set which origins may embed the widget and whether visitors' external ids must be verified. */
@Injectable()
export class WidgetSecurityService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(accountId: string): Promise<WidgetSecurityResponse> {
    return toResponse(await this.db.manager.findOneBy(WidgetSecurity, { accountId }));
  }

  update(accountId: string, fields: WidgetSecurityFields): Promise<WidgetSecurityResponse> {
    return this.db.transaction(async (manager) => {
      await manager.query(`INSERT INTO widget_security (account_id) VALUES ($1) ON CONFLICT DO NOTHING`, [accountId]);
      const security = await manager
        .createQueryBuilder(WidgetSecurity, 's')
        .setLock('pessimistic_write')
        .where({ accountId })
        .getOneOrFail();
      if (fields.allowed_origins) {
        security.allowedOrigins = [...new Set(fields.allowed_origins.map((o) => o.toLowerCase()))];
      }
      if (fields.identity_verification !== undefined) security.identityVerification = fields.identity_verification;
      if (fields.rotate_identity_secret || (security.identityVerification && !security.identitySecret)) {
        security.identitySecret = randomBytes(32).toString('hex');
      }
      return toResponse(await manager.save(security));
    });
  }
}

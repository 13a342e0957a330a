import { ArgumentMetadata, Injectable, PipeTransform, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FieldErrors, invalidFields } from '../common/errors';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { User } from '../users/entities/user.entity';
import { RegistrationBody, RegistrationFields } from './dto/registration.dto';

/** What the handler gets (an interface, so the global ValidationPipe leaves the body to this pipe). */
export interface ValidatedRegistration {
  user: RegistrationFields;
}

/**
 * Registration answers every field error at once, as Papercups' changeset does: the body's own rules and
 * "email has already been taken" together, not one stage after the other. (The service still maps the
 * unique index, for two registrations racing.)
 */
@Injectable()
export class RegistrationPipe implements PipeTransform<unknown, Promise<ValidatedRegistration>> {
  private readonly validation = createValidationPipe();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<ValidatedRegistration> {
    let errors: FieldErrors = {};
    let body: RegistrationBody | undefined;
    try {
      body = (await this.validation.transform(value, { ...metadata, metatype: RegistrationBody })) as RegistrationBody;
    } catch (error) {
      if (!(error instanceof UnprocessableEntityException)) throw error;
      errors = (error.getResponse() as { errors: FieldErrors }).errors;
    }
    const raw = (value as { user?: { email?: unknown } } | undefined)?.user?.email;
    const email = body?.user.email ?? (typeof raw === 'string' ? raw.trim().toLowerCase() : undefined);
    if (!errors.email && email && (await this.db.getRepository(User).existsBy({ email }))) {
      errors = { ...errors, email: ['has already been taken'] };
    }
    if (Object.keys(errors).length || !body) throw invalidFields(errors);
    return body;
  }
}

import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Min } from 'class-validator';
import { MSG } from '../common/validation/fields';

export const MAX_MENTIONS = 50;

/** `mentioned_user_ids`: user ids of the caller's account (form bodies send digit strings). */
export const MentionedUserIds = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: MAX_MENTIONS }),
    Transform(
      ({ value }) =>
        Array.isArray(value)
          ? value.map((v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v))
          : value,
      { toClassOnly: true },
    ),
    IsOptional(),
    IsArray({ message: MSG.invalid }),
    ArrayMaxSize(MAX_MENTIONS, { message: MSG.invalid }),
    IsInt({ each: true, message: MSG.invalid }),
    Min(1, { each: true, message: MSG.invalid }),
  );

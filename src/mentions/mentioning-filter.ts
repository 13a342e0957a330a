import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { MSG } from '../common/validation/fields';

const MENTIONING = /^(me|\d{1,15})$/;

/** `mentioning` in a conversation list: `me` (the caller) or a user id. */
export const MentioningFilter = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'string', pattern: MENTIONING.source }),
    IsOptional(),
    Matches(MENTIONING, { message: MSG.invalid }),
  );

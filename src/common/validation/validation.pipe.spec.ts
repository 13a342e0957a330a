import { BadRequestException, HttpException, UnprocessableEntityException } from '@nestjs/common';
import { RecordFields } from './record-fields';
import { Int, Nested, Optional, Required, Text, Uuid, Wrapper } from './fields';
import { createValidationPipe } from './validation.pipe';

class NoteFields extends RecordFields {
  @Required() @Text() body!: string;
}
class ThingFields extends RecordFields {
  @Required() @Text(5) name!: string;
  @Optional() @Int(1) count?: number | null;
  @Optional() @Uuid() owner_id?: string | null;
  @Nested(() => NoteFields) note?: NoteFields;
}
class ThingBody {
  @Wrapper(() => ThingFields) thing!: ThingFields;
}
class ThingQuery {
  @Required() @Text() q!: string;
  @Optional() @Int(1) page?: number;
}

const run = (value: unknown, metatype: new () => object, type: 'body' | 'query' = 'body') =>
  createValidationPipe().transform(value, { type, metatype });

async function rejection(value: unknown, metatype: new () => object, type: 'body' | 'query' = 'body') {
  const error = await run(value, metatype, type).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpException);
  return { status: (error as HttpException).getStatus(), body: (error as HttpException).getResponse() };
}

describe('the validation pipe: field errors are 422, anything else 400', () => {
  it('casts and whitelists valid input', async () => {
    const parsed = await run(
      { thing: { name: 'Acme', count: '3', note: { body: 'hi' }, extra: 'dropped' } },
      ThingBody,
    );
    expect(parsed).toBeInstanceOf(ThingBody);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({ thing: { name: 'Acme', count: 3, note: { body: 'hi' } } });
    expect(await run({ thing: { name: 'Acme', count: '', owner_id: '' } }, ThingBody)).toEqual({
      thing: { name: 'Acme', count: null, owner_id: null },
    });
  });

  it('answers 422 with the field tree for errors inside the fields, nested ones too', async () => {
    expect(
      await rejection({ thing: { name: 'too long', count: '0', owner_id: 'x', note: { body: '' } } }, ThingBody),
    ).toEqual({
      status: 422,
      body: {
        message: 'Unprocessable Entity',
        errors: {
          name: ['should be at most 5 character(s)'],
          count: ['is invalid'],
          owner_id: ['is invalid'],
          note: { body: ["can't be blank"] },
        },
      },
    });
  });

  it('reports one message per field, the most basic first', async () => {
    expect((await rejection({ thing: { name: 42 } }, ThingBody)).body).toEqual({
      message: 'Unprocessable Entity',
      errors: { name: ['is invalid'] },
    });
    expect((await rejection({ thing: {} }, ThingBody)).body).toEqual({
      message: 'Unprocessable Entity',
      errors: { name: ["can't be blank"] },
    });
  });

  it.each([
    ['a missing wrapper', {}, { message: 'Missing parameter: thing', errors: { thing: ['is required'] } }],
    ['a wrapper that is no object', { thing: 'x' }, { message: 'Bad Request', errors: { thing: ['is invalid'] } }],
    ['a null wrapper', { thing: null }, { message: 'Missing parameter: thing', errors: { thing: ['is required'] } }],
  ])('answers 400 for %s', async (_case, value, body) => {
    expect(await rejection(value, ThingBody)).toEqual({ status: 400, body });
  });

  it('answers 400 for the query string ("Missing parameter" is for wrappers only)', async () => {
    expect(await rejection({}, ThingQuery, 'query')).toEqual({
      status: 400,
      body: { message: 'Bad Request', errors: { q: ["can't be blank"] } },
    });
    expect(await rejection({ q: 'x', page: '0' }, ThingQuery, 'query')).toEqual({
      status: 400,
      body: { message: 'Bad Request', errors: { page: ['is invalid'] } },
    });
  });

  it('lets a request error win over field errors: 400', async () => {
    const error = await run({ thing: 'x' }, ThingBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).not.toBeInstanceOf(UnprocessableEntityException);
  });
});

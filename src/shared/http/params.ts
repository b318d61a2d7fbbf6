import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** `:id` path parameters: a malformed id is a 400 naming the field, never a database error. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ message: 'id must be a UUID', code: 'REQUEST.INVALID_ID', details: { fields: ['id'] } }),
});

import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids (`:id`, `:aid`...): a malformed one is a 400 naming the parameter, never a database error. */
@Injectable()
class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (UUID.test(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new BadRequestException({ message: `${field} must be a UUID`, code: 'REQUEST.INVALID_ID', details: { fields: [field] } });
  }
}

export const UuidParam = new UuidParamPipe();

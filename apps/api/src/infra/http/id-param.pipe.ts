import { type ArgumentMetadata, Injectable, Param, type PipeTransform } from '@nestjs/common';
import { ValidationError } from './app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid path parameter. A malformed one answers 400 naming the parameter, before any query runs
 * (PostgreSQL would otherwise fail the cast with a 500).
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new ValidationError([{ field, code: 'validation.isUuid', message: `${field} must be a UUID` }]);
  }
}

/** `@IdParam('memberId') memberId: string` — the parameter, validated as a uuid. */
export const IdParam = (name: string) => Param(name, ParseIdPipe);

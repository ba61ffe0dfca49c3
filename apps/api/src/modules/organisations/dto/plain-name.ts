import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';

/**
 * Names of people and teams: letters of any script, digits, spaces and everyday punctuation
 * (`O'Brien`, `R&D`, `Sales (EMEA)`, `Nordics/Baltics`). No markup, no control or formatting
 * characters (bidi overrides, zero-width joiners), which only ever serve to deceive.
 */
const PLAIN_NAME = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} '’.,&()/+_-]*$/u;

export function isPlainName(value: unknown): boolean {
  return typeof value === 'string' && PLAIN_NAME.test(value);
}

/** Trims and NFC-normalises a string; leaves other types for the validators to reject. */
export const TrimmedText = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().normalize('NFC') : value,
  );

export const IsPlainName = (maxLength: number) =>
  applyDecorators(
    TrimmedText(),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
    ValidateBy({
      name: 'isPlainName',
      validator: {
        validate: isPlainName,
        defaultMessage: (args) =>
          `${args?.property ?? 'name'} may contain letters, digits, spaces and . , ' ’ & ( ) / + _ - only`,
      },
    }),
  );

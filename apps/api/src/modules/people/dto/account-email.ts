import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, ValidateBy, isEmail } from 'class-validator';

/**
 * An account's e-mail address: printable ASCII only (internationalised domains in their punycode
 * form), so look-alikes made with right-to-left overrides, zero-width characters or a fullwidth
 * `＠` cannot pass for someone else's address. Stored lower-cased.
 */
export function isAccountEmail(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length <= 254 &&
    /^[\x21-\x7e]+$/.test(value) &&
    isEmail(value, { allow_utf8_local_part: false, require_tld: true, allow_ip_domain: false })
  );
}

export const IsAccountEmail = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim().toLowerCase() : value,
    ),
    IsString(),
    ValidateBy({
      name: 'isEmail',
      validator: {
        validate: isAccountEmail,
        defaultMessage: (args) => `${args?.property ?? 'email'} must be an e-mail address in plain ASCII`,
      },
    }),
  );

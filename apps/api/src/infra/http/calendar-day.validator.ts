import { isCalendarDay } from '@heimo/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A real calendar day written `YYYY-MM-DD` (`2026-02-30` is refused). */
export function IsCalendarDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDay',
      validator: {
        validate: (value: unknown) => isCalendarDay(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar day written YYYY-MM-DD`,
      },
    },
    options,
  );
}

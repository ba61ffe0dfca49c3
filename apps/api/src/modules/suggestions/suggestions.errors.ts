import { HttpStatus } from '@nestjs/common';
import type { SuggestionStatus } from '@heimo/domain';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../infra/http/app-error';

export class SuggestionNotFoundError extends NotFoundError {
  constructor() {
    super('suggestion.not_found', 'No such suggestion in the organisation.');
  }
}

/** A fan, while the organisation keeps suggestions to employees (`fanSuggestions` off). */
export class FanSuggestionsClosedError extends ForbiddenError {
  constructor() {
    super('suggestion.fans_not_allowed', 'Your organisation takes link suggestions from employees only.');
  }
}

/** The member made the day's suggestions already: 429 with when the next day begins. */
export class DailySuggestionLimitError extends AppError {
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      'suggestion.daily_limit',
      'Daily suggestion limit reached',
      `You can suggest ${limit} links a day. Suggest more tomorrow.`,
      [],
      { 'Retry-After': String(retryAfterSeconds) },
      { limit },
    );
  }
}

/** A suggestion is accepted or declined once. */
export class SuggestionDecidedError extends ConflictError {
  constructor(status: SuggestionStatus) {
    super('suggestion.already_decided', `The suggestion was ${status} already.`, { decision: status });
  }
}

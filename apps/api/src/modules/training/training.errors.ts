import { type FieldError, ConflictError, NotFoundError, ValidationError } from '../../infra/http/app-error';

export class TrainingModuleNotFoundError extends NotFoundError {
  constructor() {
    super('training.module_not_found', 'The training module does not exist.');
  }
}

export class StaleTrainingModuleError extends ConflictError {
  constructor(current: unknown) {
    super(
      'training.stale_revision',
      'The module changed since you loaded it. Review the current draft and save again.',
      { current },
    );
  }
}

/** Publishing a draft that equals the published version would only make members retake the same text. */
export class NothingToPublishError extends ConflictError {
  constructor(currentVersion: number) {
    super(
      'training.nothing_to_publish',
      'The draft is the published version: change something before publishing.',
      { currentVersion },
    );
  }
}

/** Content rules beyond the DTO's shape (quiz keys, locales); every error names its field. */
export class InvalidTrainingContentError extends ValidationError {
  constructor(errors: readonly FieldError[]) {
    super(errors, 'The training module is not valid.');
  }
}

export class InvalidAnswersError extends ValidationError {
  constructor(errors: readonly FieldError[]) {
    super(errors, 'The answers do not fit this module’s quiz.');
  }
}

export class NotACourseError extends ConflictError {
  constructor() {
    super('training.not_a_course', 'A policy is accepted, not attempted: use accept.');
  }
}

export class NotAPolicyError extends ConflictError {
  constructor() {
    super('training.not_a_policy', 'Only a policy is accepted: a course is completed by an attempt.');
  }
}

/** The member accepted a version other than the current one (the page was open across a publish). */
export class StaleTrainingVersionError extends ConflictError {
  constructor(currentVersion: number) {
    super('training.stale_version', 'A newer version was published. Read it and accept again.', {
      currentVersion,
    });
  }
}

import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, NotFoundError } from '../../infra/http/app-error';

export class OrganisationNotFoundError extends NotFoundError {
  constructor() {
    super('organisation.not_found', 'The organisation does not exist.');
  }
}

export class StaleSettingsError extends ConflictError {
  constructor(current: unknown) {
    super(
      'organisation.stale_version',
      'The settings changed since you loaded them. Review the current settings and save again.',
      { current },
    );
  }
}

export class TeamNotFoundError extends NotFoundError {
  constructor() {
    super('team.not_found', 'The team does not exist.');
  }
}

export class TeamNameTakenError extends ConflictError {
  constructor() {
    super('team.name_taken', 'The organisation already has a team with this name.');
  }
}

/** Closed and unknown codes answer alike, so a code cannot be probed for whether it exists. */
export class JoinClosedOrUnknownError extends AppError {
  constructor() {
    super(
      HttpStatus.NOT_FOUND,
      'join.closed_or_unknown',
      'Not found',
      'This join link does not exist or is not open.',
    );
  }
}

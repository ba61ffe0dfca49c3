import { ValidationError } from '../../infra/http/app-error';

/** A `team` filter that names no team of the caller's organisation (another organisation's included). */
export class UnknownTeamFilterError extends ValidationError {
  constructor() {
    super(
      [{ field: 'team', code: 'team.not_found', message: 'team is not a team of this organisation' }],
      'The team filter names no team of this organisation.',
    );
  }
}

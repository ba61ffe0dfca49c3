import { ConflictError, NotFoundError } from '../../infra/http/app-error';

export class ProfileNotFoundError extends NotFoundError {
  constructor() {
    super('profile.not_found', 'The profile does not exist.');
  }
}

export class ProfileNetworkTakenError extends ConflictError {
  constructor() {
    super('profile.network_taken', 'You already have a profile on this network. Edit that one instead.');
  }
}

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

export class AudienceNotPendingError extends ConflictError {
  constructor(pendingAudienceSize: number | null) {
    super(
      'profile.audience_not_pending',
      pendingAudienceSize === null
        ? 'No reported audience of this profile waits for confirmation.'
        : 'The reported audience waiting for confirmation is another: confirm the one it names.',
      { pendingAudienceSize },
    );
  }
}

export class AudienceVerifiedError extends ConflictError {
  constructor() {
    super(
      'profile.audience_verified',
      'This profile’s audience is read from your connected account. Disconnect it to report the audience yourself.',
    );
  }
}

import { NotFoundError } from '../../infra/http/app-error';

/** Thrown by every module that looks a member up (people, training, sharing, privacy). */
export class MemberNotFoundError extends NotFoundError {
  constructor() {
    super('member.not_found', 'The member does not exist.');
  }
}

import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, NotFoundError } from '../../../infra/http/app-error';

export class ReservationNotFoundError extends NotFoundError {
  constructor() {
    super('share_reservation.not_found', 'No such share reservation (released, or never yours).');
  }
}

export class ReservationExpiredError extends AppError {
  constructor() {
    super(
      HttpStatus.GONE,
      'share_reservation.expired',
      'Gone',
      'The reservation expired before it was confirmed; its code never counts. Reserve again.',
    );
  }
}

export class ReservationConfirmedError extends ConflictError {
  constructor() {
    super('share_reservation.confirmed', 'The reservation was confirmed: the share exists and stays.');
  }
}

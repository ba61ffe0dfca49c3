import type { QueuedEmail } from '../notifications.service';

/** An organisation's clock at the tick. */
export interface OrgClock {
  readonly id: string;
  readonly name: string;
  readonly defaultLocale: string;
  readonly settings: unknown;
  readonly localDate: string;
  readonly localHour: number;
  readonly isoDow: number;
  readonly isoWeek: string;
  /** Today at DIGEST_HOUR, local time, as an instant. */
  readonly todayCut: Date;
  /** Yesterday and a week ago at DIGEST_HOUR, local time (not 24 h or 168 h earlier: DST). */
  readonly dayBeforeCut: Date;
  readonly weekBeforeCut: Date;
}

/** One kind of scheduled e-mail: which messages are due for an organisation at a tick. */
export interface EmailPlanner {
  plan(clock: OrgClock, now: Date): Promise<QueuedEmail[]>;
  /** Told once the tick's messages are committed (a failed tick plans again next minute). */
  committed?(clocks: readonly OrgClock[]): void;
}

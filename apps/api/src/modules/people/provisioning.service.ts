import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isTimeZone } from '@heimo/domain';
import { DataSource } from 'typeorm';
import { LOCALES, type Locale } from '../members/entities/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { isPlainName } from '../organisations/dto/plain-name';
import type { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { isAccountEmail } from './dto/account-email';
import { InvitationsService, isUniqueViolation } from './invitations.service';

export const MAX_ORGANISATION_NAME = 120;
export const MAX_SLUG = 63;
export const DEFAULT_TIMEZONE = 'Europe/Helsinki';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What an operator asks for; every field still as typed. */
export interface NewOrganisationRequest {
  readonly name?: string;
  readonly admin?: string;
  readonly slug?: string;
  readonly timezone?: string;
  readonly locale?: string;
}

export interface NewOrganisation {
  readonly name: string;
  readonly admin: string;
  readonly slug: string;
  readonly timezone: string;
  readonly locale: Locale;
}

/** A value the operator gave (or left out) that cannot be used; `field` names it, the message says why. */
export class ProvisioningInputError extends Error {
  constructor(
    readonly field: keyof NewOrganisationRequest,
    message: string,
  ) {
    super(message);
    this.name = 'ProvisioningInputError';
  }
}

/** `Acme Oy` → `acme-oy`, `Äänekosken Energia` → `aanekosken-energia`: letters without marks, digits, dashes. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
}

export function isSlug(value: string): boolean {
  return value.length >= 2 && value.length <= MAX_SLUG && SLUG.test(value);
}

/** Checks every field, the first bad one throwing a {@link ProvisioningInputError} naming it. */
export function validateNewOrganisation(request: NewOrganisationRequest): NewOrganisation {
  const name = (request.name ?? '').trim().normalize('NFC');
  if (!name) throw new ProvisioningInputError('name', 'is required');
  if (name.length > MAX_ORGANISATION_NAME || !isPlainName(name)) {
    throw new ProvisioningInputError(
      'name',
      `must be at most ${MAX_ORGANISATION_NAME} characters of letters, digits, spaces and . , ' ’ & ( ) / + _ -`,
    );
  }
  const admin = (request.admin ?? '').trim().toLowerCase();
  if (!admin) throw new ProvisioningInputError('admin', 'is required (the first admin’s e-mail address)');
  if (!isAccountEmail(admin)) {
    throw new ProvisioningInputError('admin', `must be an e-mail address in plain ASCII, got "${admin}"`);
  }
  const slug = request.slug === undefined ? slugFromName(name) : request.slug.trim();
  if (!isSlug(slug)) {
    throw new ProvisioningInputError(
      'slug',
      request.slug === undefined
        ? `is required: the name gives no usable slug ("${slug}")`
        : `must be 2–${MAX_SLUG} lower-case letters a–z, digits and single dashes inside, got "${slug}"`,
    );
  }
  const timezone = request.timezone ?? DEFAULT_TIMEZONE;
  if (!isTimeZone(timezone)) {
    throw new ProvisioningInputError(
      'timezone',
      `must be an IANA time zone such as Europe/Helsinki, got "${timezone}"`,
    );
  }
  const locale = request.locale ?? 'en';
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new ProvisioningInputError('locale', `must be one of ${LOCALES.join(', ')}, got "${locale}"`);
  }
  return { name, admin, slug, timezone, locale: locale as Locale };
}

export type ProvisioningResult =
  | {
      readonly created: true;
      readonly organisation: Organisation;
      readonly invitationUrl: string;
      readonly expiresAt: string;
    }
  | { readonly created: false; readonly organisation: Organisation };

/**
 * Organisations made by the operator (`npm run org:create`): the organisation with default settings
 * and its first admin invited, in one transaction. The invitation e-mail is written to the outbox
 * in that transaction and queued once it commits, as every invitation is: the workers send it.
 */
@Injectable()
export class ProvisioningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly invitations: InvitationsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Creates the organisation, or changes nothing when its slug is taken (`created: false`). */
  async createOrganisation(input: NewOrganisation): Promise<ProvisioningResult> {
    const outcome = await this.dataSource
      .transaction(async (manager) => {
        const organisation = await this.organisations.insertIfSlugFree(manager, {
          name: input.name,
          slug: input.slug,
          timezone: input.timezone,
          defaultLocale: input.locale,
          settings: {},
        });
        if (!organisation) return null;
        const { invited, emailId } = await this.invitations.inviteWithin(manager, organisation.id, null, {
          email: input.admin,
          roles: ['admin'],
          locale: input.locale,
        });
        return { organisation, invited, emailId };
      })
      .catch((error: unknown) => {
        // Created by another process between our insert's check and its commit: it is there now.
        if (isUniqueViolation(error)) return null;
        throw error;
      });
    if (!outcome) {
      const organisation = await this.organisations.findBySlug(input.slug);
      if (!organisation) throw new Error(`organisation "${input.slug}" neither created nor found`);
      return { created: false, organisation };
    }
    await this.notifications.dispatch([outcome.emailId]);
    return {
      created: true,
      organisation: outcome.organisation,
      invitationUrl: outcome.invited.invitationUrl,
      expiresAt: outcome.invited.expiresAt,
    };
  }

  list() {
    return this.organisations.listWithMemberCounts();
  }
}

import { isTimeZone } from '@heimo/domain';
import { LOCALES, type Locale } from '../members/entities/member.entity';
import { isPlainName } from '../organisations/dto/plain-name';
import { isAccountEmail } from './dto/account-email';

/*
 * What an operator may ask for when creating an organisation (`npm run org:create`), checked before
 * anything is started or written. Apart from the service so the command checks it cheaply.
 */

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

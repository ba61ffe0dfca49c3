import { isIP } from 'node:net';
import { PUBLIC_MAIL_DOMAINS } from './public-mail-domains';
import { SsoFieldError } from './sso.errors';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A mail domain as stored: lower case, no trailing dot, at least two labels, not a public mail domain. */
export function checkDomainName(raw: string): string {
  const domain = raw.trim().toLowerCase().replace(/\.$/, '');
  const labels = domain.split('.');
  if (
    !domain ||
    domain.length > 253 ||
    isIP(domain) ||
    labels.length < 2 ||
    !labels.every((label) => LABEL.test(label)) ||
    !/^[a-z]/.test(labels[labels.length - 1] ?? '')
  ) {
    throw new SsoFieldError('domain', 'sso.domain_invalid', 'The domain must be a name such as example.com.');
  }
  if (PUBLIC_MAIL_DOMAINS.has(domain))
    throw new SsoFieldError(
      'domain',
      'sso.domain_public',
      `${domain} is a public mail service: anyone can have an address there.`,
    );
  return domain;
}

/** The domain part of an e-mail address, lower case. */
export const domainOf = (email: string): string => email.trim().toLowerCase().split('@').pop() ?? '';

import { assertOutboundUrl } from '../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import { isAllowListed } from '../../infra/outbound/guarded-fetch';
import { SsoFieldError } from './sso.errors';

/**
 * An issuer URL an admin typed, checked without the network: absolute https (plain http only for a
 * host on the test allow-list), no user name or password, no query or fragment, not a private or
 * loopback address. Discovery later checks the addresses the name resolves to as well.
 */
export function checkIssuerUrl(raw: string, allowedHosts: readonly string[]): string {
  const issuer = raw.trim();
  const refuse = (code: string, detail: string) => new SsoFieldError('issuer', code, detail);
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw refuse(
      'sso.issuer_invalid',
      'The issuer must be an absolute URL, such as https://login.example.com.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse('sso.issuer_not_https', 'The issuer must be an https address.');
  if (url.username || url.password)
    throw refuse('sso.issuer_credentials', 'The issuer must not carry a user name or password.');
  if (url.search || url.hash || issuer.includes('?') || issuer.includes('#'))
    throw refuse('sso.issuer_query', 'The issuer must not have a query or a fragment.');
  if (url.protocol === 'http:' && !isAllowListed(url, allowedHosts))
    throw refuse('sso.issuer_not_https', 'The issuer must be an https address.');
  try {
    assertOutboundUrl(url, allowedHosts);
  } catch (error) {
    if (error instanceof OutboundError && error.failure === 'private_address')
      throw refuse('sso.issuer_private_address', error.detail);
    if (error instanceof OutboundError) throw refuse('sso.issuer_invalid', error.detail);
    throw error;
  }
  return issuer;
}

import * as openid from 'openid-client';
import { assertOutboundUrl, isAllowListed, type OutboundPolicy, type Resolver } from './guarded-fetch';
import { outboundFetch } from './outbound-fetch';
import { OutboundError } from './outbound.errors';

/**
 * Reads an OpenID provider's discovery document through the outbound policy and answers the
 * openid-client Configuration, whose later requests (JWKS, token, userinfo) use the same policy.
 * Plain http is accepted only for hosts on the allow-list (test providers on 127.0.0.1). A refusal
 * of the policy rejects with its OutboundError; anything else with openid-client's error.
 */
export async function discoverOpenIdProvider(
  issuer: string,
  clientId: string,
  clientSecret: string | undefined,
  policy: OutboundPolicy,
  resolve?: Resolver,
): Promise<openid.Configuration> {
  const url = assertOutboundUrl(issuer, policy.allowedHosts);
  const insecure = url.protocol === 'http:' && isAllowListed(url, policy.allowedHosts);
  try {
    return await openid.discovery(url, clientId, clientSecret, undefined, {
      [openid.customFetch]: outboundFetch(policy, resolve),
      timeout: Math.ceil(policy.timeoutMs / 1000),
      execute: insecure ? [openid.allowInsecureRequests] : [],
    });
  } catch (error) {
    // openid-client wraps what the fetch threw; the policy's refusal is the useful part.
    const cause = (error as { cause?: unknown } | null)?.cause;
    throw cause instanceof OutboundError ? cause : error;
  }
}

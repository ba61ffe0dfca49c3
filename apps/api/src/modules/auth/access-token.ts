import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AccessClaims {
  /** member id */
  readonly sub: string;
  /** organisation id */
  readonly org: string;
  /** session id */
  readonly sid: string;
  /** expiry, seconds since the epoch */
  readonly exp: number;
}

/** A compact HMAC-SHA256 signed token: `v1.<base64url claims>.<base64url signature>`. */
export class AccessTokenSigner {
  constructor(private readonly secret: string) {}

  sign(claims: AccessClaims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `v1.${body}.${this.mac(body)}`;
  }

  /** The claims when the signature holds and the token has not expired; otherwise undefined. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): AccessClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'v1') return undefined;
    const [, body, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessClaims;
      if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return undefined;
      if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || typeof claims.sid !== 'string')
        return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

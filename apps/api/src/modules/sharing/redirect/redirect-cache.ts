import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import type { Share } from '../entities/share.entity';
import { RedirectRepository } from './redirect.repository';
import { type RedirectTarget, TargetCache, UNCOUNTED } from './target-cache';

export { RedirectBusyError, type RedirectTarget } from './target-cache';

/**
 * The API process's tracked-link cache ({@link TargetCache}, REDIRECT_CACHE_SIZE entries): a miss
 * reads the share by code from the database. The share command calls {@link primeShare} after its
 * transaction commits, so the first click of a new share is a hit too. The redirect listener's
 * thread (REDIRECT_PORT) keeps a cache of its own and asks this one for its misses.
 */
@Injectable()
export class RedirectCache extends TargetCache {
  constructor(redirects: RedirectRepository, @Inject(APP_CONFIG) config: AppConfig) {
    super(config.REDIRECT_CACHE_SIZE, async (code) => {
      const row = await redirects.byCode(code);
      return row ? { shareId: row.id ?? UNCOUNTED, location: row.redirectUrl } : null;
    });
  }

  /** Puts a share in the cache (after the transaction that made it committed). */
  primeShare(share: Pick<Share, 'id' | 'code' | 'redirectUrl'>): void {
    const target: RedirectTarget = { shareId: share.id, location: share.redirectUrl };
    this.prime(share.code, target);
  }
}

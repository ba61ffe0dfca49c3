import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import { compileTrust } from '../../../infra/http/client-address';
import { ClickRecorder } from '../clicks/click-recorder';
import { RedirectCache } from './redirect-cache';
import { TrackedLinkHandler } from './tracked-link-handler';

export { codeOf, REDIRECT_PREFIX } from './tracked-link-handler';

/**
 * The tracked-link redirect on the API's own thread: {@link TrackedLinkHandler} with the API's
 * cache, its click recorder and its logger. `mountRedirectBeforeExpress` puts it in front of Express.
 */
@Injectable()
export class RedirectHandler extends TrackedLinkHandler {
  constructor(cache: RedirectCache, recorder: ClickRecorder, @Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger(RedirectHandler.name);
    super(
      cache,
      recorder.clicks,
      (message, error, context) => logger.error({ err: error, ...context }, message),
      compileTrust(config.TRUST_PROXY),
    );
  }
}

// Names for the feed and share shapes the web uses, taken from the generated document by route so they follow the API.
import type { ShareAction } from '@heimo/domain';
import type { paths } from '../../api/schema';

type JsonOk<Op, Status extends number> = Op extends {
  responses: { [S in Status]: { content: { 'application/json': infer R } } };
}
  ? R
  : never;
type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type FeedPage = JsonOk<paths['/api/feed']['get'], 200>;
export type Readiness = FeedPage['readiness'];
export type FeedItem = FeedPage['items'][number];
export type FeedVariant = FeedItem['variants'][number];
export type MediaRef = FeedItem['media'][number];

export type ShareBody = JsonBody<paths['/api/shares']['post']>;
type ShareAnswer = JsonOk<paths['/api/shares']['post'], 201>;
/** The answer of a share, its action narrowed to the registry's own union (the document cannot say it). */
export type ShareResult = Omit<ShareAnswer, 'action'> & { action: ShareAction };

export type SharingRules = JsonOk<paths['/api/organisation/sharing-rules']['get'], 200>;

export type ShareReservation = JsonOk<paths['/api/shares/reservations']['post'], 201>;

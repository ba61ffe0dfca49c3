import type { EntityManager } from 'typeorm';
import { DEMO_FEED } from './data/demo-feeds.data';
import { feedSourceExists, findMemberByEmail, insertFeedSource } from './demo.repository';

/** A fictional blog: `.example` never resolves, so the source is seeded switched off and never read. */
export const DEMO_FEED_URL = DEMO_FEED.url;

/** The demo organisation's feed source, added once; the curator may switch it on to see a read fail. */
export async function seedDemoFeeds(manager: EntityManager, organisationId: string): Promise<void> {
  if (await feedSourceExists(manager, organisationId, DEMO_FEED.url)) return;
  const curator = await findMemberByEmail(manager, organisationId, DEMO_FEED.createdByEmail);
  await insertFeedSource(manager, {
    organisationId,
    url: DEMO_FEED.url,
    title: DEMO_FEED.title,
    enabled: false,
    createdById: curator?.id ?? null,
  });
}

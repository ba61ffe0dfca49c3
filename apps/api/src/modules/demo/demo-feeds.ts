import type { EntityManager } from 'typeorm';
import { FeedSource } from '../feeds/entities/feed-source.entity';
import { Member } from '../members/entities/member.entity';
import { DEMO_FEED } from './data/demo-feeds.data';

/** A fictional blog: `.example` never resolves, so the source is seeded switched off and never read. */
export const DEMO_FEED_URL = DEMO_FEED.url;

/** The demo organisation's feed source, added once; the curator may switch it on to see a read fail. */
export async function seedDemoFeeds(manager: EntityManager, organisationId: string): Promise<void> {
  const sources = manager.getRepository(FeedSource);
  if (await sources.existsBy({ organisationId, url: DEMO_FEED.url })) return;
  const curator = await manager
    .getRepository(Member)
    .findOneBy({ organisationId, email: DEMO_FEED.createdByEmail });
  await sources.insert({
    organisationId,
    url: DEMO_FEED.url,
    title: DEMO_FEED.title,
    enabled: false,
    createdById: curator?.id ?? null,
  });
}

import type { EntityManager } from 'typeorm';
import { Member } from '../members/entities/member.entity';
import { FeedSource } from './entities/feed-source.entity';

/** A fictional blog: `.example` never resolves, so the source is seeded switched off and never read. */
export const DEMO_FEED_URL = 'https://blog.heimo.example/feed.xml';

/** The demo organisation's feed source, added once; the curator may switch it on to see a read fail. */
export async function seedDemoFeeds(manager: EntityManager, organisationId: string): Promise<void> {
  const sources = manager.getRepository(FeedSource);
  if (await sources.existsBy({ organisationId, url: DEMO_FEED_URL })) return;
  const curator = await manager
    .getRepository(Member)
    .findOneBy({ organisationId, email: 'curator@demo.heimo.test' });
  await sources.insert({
    organisationId,
    url: DEMO_FEED_URL,
    title: 'Heimo blog',
    enabled: false,
    createdById: curator?.id ?? null,
  });
}

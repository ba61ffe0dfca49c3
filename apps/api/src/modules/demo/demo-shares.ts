import { randomUUID } from 'node:crypto';
import { buildShareRedirectUrl, buildTrackedLink, firstNameOf, renderCaption } from '@heimo/content';
import {
  type NetworkId,
  type PreviewReason,
  findNetwork,
  markUniqueClicks,
  nextClickPoints,
} from '@heimo/domain';
import { type EntityManager, In, IsNull, Not } from 'typeorm';
import { type Locale, Member } from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import { Pack } from '../packs/entities/pack.entity';
import { PackTransition } from '../packs/entities/pack-transition.entity';
import { PackVariant } from '../packs/entities/pack-variant.entity';
import { SocialProfile } from '../profiles/entities/social-profile.entity';
import { Share } from '../sharing/entities/share.entity';
import { recountDailyStats, recountPackDailyStats } from '../sharing/rollup-recount.repository';
import { isInAudience, variantLocaleFor } from '../sharing/feed/pack-audience';
import { ShareCodeService } from '../sharing/share-code.service';
import {
  DEMO_HISTORY_DAYS,
  DEMO_HISTORY_SEED,
  DEMO_PREVIEW_REASONS,
  DEMO_PROFILE_NETWORKS,
} from './data/demo-shares.data';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** A small seeded generator (mulberry32), so every demo has the same shape. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoClick {
  id: string;
  occurredAt: Date;
  visitor: Buffer;
  isPreview: boolean;
  previewReason: PreviewReason | null;
  isUnique: boolean;
  referrerHost: string | null;
}

/**
 * Gives the demo a history: social profiles for the people who share, shares of the packs that were
 * published over the last 90 days, and a few thousand clicks and previews on them, stored as the
 * click worker stores them (unique clicks decided by the same rule, points under the same cap), with
 * the daily rollups recomputed from those rows. Runs once: an organisation with shares is left alone.
 */
export async function seedDemoShares(
  manager: EntityManager,
  organisationId: string,
  options: { readonly publicUrl: string; readonly now?: Date },
): Promise<void> {
  if (await manager.getRepository(Share).existsBy({ organisationId })) return;
  const now = options.now?.getTime() ?? Date.now();
  const next = random(DEMO_HISTORY_SEED);
  const organisation = await manager.getRepository(Organisation).findOneByOrFail({ id: organisationId });
  const settings = mergeSettings(organisation.settings);
  const enabled = new Set(settings.enabledNetworks);

  const members = await manager.getRepository(Member).find({
    where: { organisationId, status: 'active', passwordHash: Not(IsNull()) },
    order: { email: 'ASC' },
  });
  const sharers = members.filter((member) => member.roles.includes('advocate'));
  const profiles = await ensureProfiles(manager, organisationId, sharers, next);

  const packs = await manager.getRepository(Pack).find({
    where: { organisationId, status: In(['published', 'expired', 'archived']), publishedAt: Not(IsNull()) },
    order: { publishedAt: 'ASC' },
  });
  const packIds = packs.map((pack) => pack.id);
  const variants = packIds.length
    ? await manager.getRepository(PackVariant).find({ where: { packId: In(packIds) } })
    : [];
  const archivedAt = new Map(
    (packIds.length
      ? await manager.getRepository(PackTransition).find({ where: { packId: In(packIds), to: 'archived' } })
      : []
    ).map((transition) => [transition.packId, transition.at.getTime()]),
  );

  const codes = new ShareCodeService();
  for (const pack of packs) {
    const destination = pack.destinationUrl;
    const publishedAt = pack.publishedAt?.getTime();
    if (!destination || publishedAt === undefined) continue;
    const start = Math.max(publishedAt, now - DEMO_HISTORY_DAYS * DAY);
    const end = Math.min(now, pack.expireAt?.getTime() ?? now, archivedAt.get(pack.id) ?? now);
    if (end <= start) continue;

    for (const member of sharers) {
      if (!isInAudience(pack, member)) continue;
      // As the feed offers them: the member's locale, else the organisation's default locale.
      const ofPack = variants.filter((variant) => variant.packId === pack.id);
      const locale = variantLocaleFor(ofPack, enabled, member.locale, organisation.defaultLocale as Locale);
      const own = ofPack.filter(
        (variant) =>
          variant.locale === locale &&
          enabled.has(variant.network as NetworkId) &&
          profiles.get(member.id)?.has(variant.network as NetworkId),
      );
      for (const variant of own) {
        if (next() > 0.75) continue;
        const network = variant.network as NetworkId;
        // Most shares come in the first days after publishing.
        const createdAt = new Date(start + (end - start) * next() ** 2.2);
        const audienceSize = profiles.get(member.id)?.get(network) ?? 0;
        const share = await codes.insertWithNewCode(manager, (code) => {
          const redirect = buildShareRedirectUrl({
            destination,
            networkId: network,
            campaign: pack.slug,
            shareCode: code,
          });
          if (!redirect.ok) throw new Error(`demo pack ${pack.slug} has an unusable link: ${redirect.code}`);
          const rendered = renderCaption(variant.captionTemplate, {
            link: buildTrackedLink(options.publicUrl, code),
            pack: { title: pack.title, hashtags: pack.hashtags },
            advocateFirstName: firstNameOf(member.name),
            disclosureHashtag: settings.disclosure.hashtag,
          });
          return {
            organisationId,
            memberId: member.id,
            packId: pack.id,
            network,
            locale: variant.locale,
            code,
            text: rendered.ok ? rendered.text : pack.title,
            redirectUrl: redirect.url,
            audienceSize,
            idempotencyKey: null,
          };
        });
        await manager.query('UPDATE shares SET created_at = $2 WHERE id = $1', [share.id, createdAt]);
        const clicks = demoClicks(createdAt.getTime(), now, audienceSize, next);
        await storeClicks(manager, share, clicks, settings.points);
      }
    }
  }

  // The rollups, exactly as the raw rows recount them.
  await manager.query('DELETE FROM daily_stats WHERE organisation_id = $1', [organisationId]);
  const rows = await recountDailyStats(manager, organisationId);
  if (rows.length) {
    await manager.query(
      `INSERT INTO daily_stats (organisation_id, member_id, day, network, shares, clicks, unique_clicks, previews, reach, points)
       SELECT $1, r.member_id, r.day, r.network, r.shares, r.clicks, r.unique_clicks, r.previews, r.reach, r.points
         FROM jsonb_to_recordset($2::jsonb) AS r(member_id uuid, day date, network text, shares int, clicks int,
              unique_clicks int, previews int, reach bigint, points int)`,
      [
        organisationId,
        JSON.stringify(
          rows.map((row) => ({
            member_id: row.memberId,
            day: row.day,
            network: row.network,
            shares: row.shares,
            clicks: row.clicks,
            unique_clicks: row.uniqueClicks,
            previews: row.previews,
            reach: row.reach,
            points: row.points,
          })),
        ),
      ],
    );
  }
  await manager.query('DELETE FROM pack_daily_stats WHERE organisation_id = $1', [organisationId]);
  const packRows = await recountPackDailyStats(manager, organisationId);
  if (packRows.length) {
    await manager.query(
      `INSERT INTO pack_daily_stats (organisation_id, pack_id, member_id, day, network, locale, shares, clicks,
              unique_clicks, previews, reach)
       SELECT $1, r.pack_id, r.member_id, r.day, r.network, r.locale, r.shares, r.clicks, r.unique_clicks,
              r.previews, r.reach
         FROM jsonb_to_recordset($2::jsonb) AS r(pack_id uuid, member_id uuid, day date, network text, locale text,
              shares int, clicks int, unique_clicks int, previews int, reach bigint)`,
      [
        organisationId,
        JSON.stringify(
          packRows.map((row) => ({
            pack_id: row.packId,
            member_id: row.memberId,
            day: row.day,
            network: row.network,
            locale: row.locale,
            shares: row.shares,
            clicks: row.clicks,
            unique_clicks: row.uniqueClicks,
            previews: row.previews,
            reach: row.reach,
          })),
        ),
      ],
    );
  }
}

/** A profile on two or three demo networks for each sharer who has none, with a plausible audience. */
async function ensureProfiles(
  manager: EntityManager,
  organisationId: string,
  sharers: readonly Member[],
  next: () => number,
): Promise<Map<string, Map<NetworkId, number>>> {
  const repository = manager.getRepository(SocialProfile);
  const result = new Map<string, Map<NetworkId, number>>();
  for (const member of sharers) {
    const existing = await repository.find({ where: { organisationId, memberId: member.id } });
    if (existing.length === 0) {
      const factor = 0.3 + next() * 2.2;
      const handle = member.email.split('@')[0]?.replace(/[^a-z0-9]/g, '') || 'advocate';
      for (const { network, audience } of DEMO_PROFILE_NETWORKS) {
        if (network !== 'linkedin' && next() < 0.45) continue;
        if (!findNetwork(network)) continue;
        existing.push(
          await repository.save(
            repository.create({
              organisationId,
              memberId: member.id,
              network,
              handle,
              audienceSize: Math.round(audience * factor),
            }),
          ),
        );
      }
    }
    result.set(member.id, new Map(existing.map((profile) => [profile.network, profile.audienceSize])));
  }
  return result;
}

/** Clicks and previews on one share: more for a larger audience, most of them soon after sharing. */
function demoClicks(sharedAt: number, now: number, audience: number, next: () => number): DemoClick[] {
  const humans = Math.round(audience * (0.03 + next() * 0.1));
  const visitors = Array.from({ length: Math.max(1, Math.ceil(humans / 1.3)) }, () => randomVisitor(next));
  const clicks: DemoClick[] = [];
  const at = () => new Date(Math.min(now - 1000, sharedAt + -Math.log(1 - next() * 0.999) * 14 * HOUR));
  for (let i = 0; i < humans; i++) {
    clicks.push({
      id: randomUUID(),
      occurredAt: at(),
      visitor: visitors[Math.floor(next() * visitors.length)] ?? randomVisitor(next),
      isPreview: false,
      previewReason: null,
      isUnique: false,
      referrerHost: next() < 0.6 ? null : 't.co',
    });
  }
  const previews = 1 + Math.floor(next() * 4);
  for (let i = 0; i < previews; i++) {
    clicks.push({
      id: randomUUID(),
      occurredAt: at(),
      visitor: randomVisitor(next),
      isPreview: true,
      previewReason: DEMO_PREVIEW_REASONS[i % DEMO_PREVIEW_REASONS.length] ?? 'crawler',
      isUnique: false,
      referrerHost: null,
    });
  }
  const unique = markUniqueClicks(
    clicks
      .filter((click) => !click.isPreview)
      .map((click) => ({ id: click.id, key: click.visitor.toString('hex'), at: click.occurredAt.getTime() })),
    new Map(),
  );
  for (const click of clicks) click.isUnique = unique.has(click.id);
  return clicks.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

function randomVisitor(next: () => number): Buffer {
  return Buffer.from(Array.from({ length: 16 }, () => Math.floor(next() * 256)));
}

async function storeClicks(
  manager: EntityManager,
  share: Share,
  clicks: readonly DemoClick[],
  points: { readonly uniqueClick: number; readonly uniqueClickCapPerShare: number },
): Promise<void> {
  let clickPoints = 0;
  for (const click of clicks) {
    if (click.isUnique)
      clickPoints += nextClickPoints(clickPoints, {
        uniqueClick: points.uniqueClick,
        maxClickPointsPerShare: points.uniqueClickCapPerShare,
      });
  }
  if (clicks.length) {
    await manager.query(
      `INSERT INTO click_events (id, occurred_at, organisation_id, share_id, member_id, network, visitor,
                                 is_preview, preview_reason, is_unique, referrer_host)
       SELECT id, occurred_at, $1, $2, $3, $4, decode(visitor, 'hex'), is_preview, preview_reason, is_unique, referrer_host
         FROM unnest($5::uuid[], $6::timestamptz[], $7::text[], $8::boolean[], $9::text[], $10::boolean[], $11::text[])
              AS c(id, occurred_at, visitor, is_preview, preview_reason, is_unique, referrer_host)`,
      [
        share.organisationId,
        share.id,
        share.memberId,
        share.network,
        clicks.map((c) => c.id),
        clicks.map((c) => c.occurredAt.toISOString()),
        clicks.map((c) => c.visitor.toString('hex')),
        clicks.map((c) => c.isPreview),
        clicks.map((c) => c.previewReason),
        clicks.map((c) => c.isUnique),
        clicks.map((c) => c.referrerHost),
      ],
    );
  }
  const humans = clicks.filter((c) => !c.isPreview);
  await manager.query(
    `UPDATE shares SET clicks = $2, unique_clicks = $3, previews = $4, click_points = $5 WHERE id = $1`,
    [
      share.id,
      humans.length,
      humans.filter((c) => c.isUnique).length,
      clicks.length - humans.length,
      clickPoints,
    ],
  );
}

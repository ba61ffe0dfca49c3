import { randomUUID } from 'node:crypto';
import { buildShareRedirectUrl, buildTrackedLink, firstNameOf, renderCaption } from '@heimo/content';
import { type NetworkId, findNetwork, markUniqueClicks, nextClickPoints } from '@heimo/domain';
import type { EntityManager } from 'typeorm';
import type { Locale, Member } from '../members/entities/member.entity';
import { mergeSettings } from '../organisations/organisation-settings.defaults';
import type { Share } from '../sharing/entities/share.entity';
import { recountDailyStats, recountPackDailyStats } from '../sharing/rollup-recount.repository';
import { isInAudience, variantLocaleFor } from '../sharing/feed/pack-audience';
import { ShareCodeService } from '../sharing/share-code.service';
import {
  DEMO_HISTORY_DAYS,
  DEMO_HISTORY_SEED,
  DEMO_PREVIEW_REASONS,
  DEMO_PROFILE_NETWORKS,
} from './data/demo-shares.data';
import {
  activeLogins,
  archivingsOf,
  deleteDailyStats,
  deletePackDailyStats,
  type DemoClick,
  hasShares,
  insertClickEvents,
  insertDailyStats,
  insertPackDailyStats,
  insertProfile,
  loadOrganisation,
  profilesOf,
  publishedPacks,
  setShareCounters,
  setShareCreatedAt,
  variantsOf,
} from './demo.repository';

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
  if (await hasShares(manager, organisationId)) return;
  const now = options.now?.getTime() ?? Date.now();
  const next = random(DEMO_HISTORY_SEED);
  const organisation = await loadOrganisation(manager, organisationId);
  const settings = mergeSettings(organisation.settings);
  const enabled = new Set(settings.enabledNetworks);

  const members = await activeLogins(manager, organisationId);
  const sharers = members.filter((member) => member.roles.includes('advocate'));
  const profiles = await ensureProfiles(manager, organisationId, sharers, next);

  const packs = await publishedPacks(manager, organisationId);
  const packIds = packs.map((pack) => pack.id);
  const variants = await variantsOf(manager, packIds);
  const archivedAt = new Map(
    (await archivingsOf(manager, packIds)).map((transition) => [transition.packId, transition.at.getTime()]),
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
            disclosure: settings.disclosure[member.kind],
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
        await setShareCreatedAt(manager, share.id, createdAt);
        const clicks = demoClicks(createdAt.getTime(), now, audienceSize, next);
        await storeClicks(manager, share, clicks, settings.points);
      }
    }
  }

  // The rollups, exactly as the raw rows recount them.
  await deleteDailyStats(manager, organisationId);
  const rows = await recountDailyStats(manager, organisationId);
  if (rows.length) await insertDailyStats(manager, organisationId, rows);
  await deletePackDailyStats(manager, organisationId);
  const packRows = await recountPackDailyStats(manager, organisationId);
  if (packRows.length) await insertPackDailyStats(manager, organisationId, packRows);
}

/** A profile on two or three demo networks for each sharer who has none, with a plausible audience. */
async function ensureProfiles(
  manager: EntityManager,
  organisationId: string,
  sharers: readonly Member[],
  next: () => number,
): Promise<Map<string, Map<NetworkId, number>>> {
  const result = new Map<string, Map<NetworkId, number>>();
  for (const member of sharers) {
    const existing = await profilesOf(manager, organisationId, member.id);
    if (existing.length === 0) {
      const factor = 0.3 + next() * 2.2;
      const handle = member.email.split('@')[0]?.replace(/[^a-z0-9]/g, '') || 'advocate';
      for (const { network, audience } of DEMO_PROFILE_NETWORKS) {
        if (network !== 'linkedin' && next() < 0.45) continue;
        if (!findNetwork(network)) continue;
        existing.push(
          await insertProfile(manager, {
            organisationId,
            memberId: member.id,
            network,
            handle,
            audienceSize: Math.round(audience * factor),
          }),
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
  if (clicks.length) await insertClickEvents(manager, share, clicks);
  const humans = clicks.filter((c) => !c.isPreview);
  await setShareCounters(manager, share.id, {
    clicks: humans.length,
    uniqueClicks: humans.filter((c) => c.isUnique).length,
    previews: clicks.length - humans.length,
    clickPoints,
  });
}

import type { PackAction, PackState } from '@heimo/domain';
import type { EntityManager } from 'typeorm';
import type { PackTransition } from '../packs/entities/pack-transition.entity';
import { DEMO_PACKS, type DemoStep, KALLE, MAIJA, PAULA } from './data/demo-packs.data';
import {
  existingPackSlugs,
  firstImage,
  insertPack,
  insertTransitions,
  insertVariant,
  membersByEmail,
} from './demo.repository';

const DAY = 24 * 3600 * 1000;

const NEXT: Record<PackAction, PackState> = {
  submit: 'in_review',
  withdraw: 'draft',
  approve: 'approved',
  reject: 'draft',
  publish: 'published',
  expire: 'expired',
  archive: 'archived',
};

/**
 * Adds each demo pack that is missing (by slug), with its variants and its history. Packs already
 * there are left as they are, so a rerun adds nothing. Times are relative to the seed: an approved
 * pack scheduled in two days is published then by the packs sweep (no job is queued here).
 */
export async function seedDemoPacks(manager: EntityManager, organisationId: string): Promise<void> {
  const existing = await existingPackSlugs(
    manager,
    organisationId,
    DEMO_PACKS.map((pack) => pack.slug),
  );
  const missing = DEMO_PACKS.filter((pack) => !existing.has(pack.slug));
  if (!missing.length) return;

  const members = await membersByEmail(manager, organisationId, [KALLE, PAULA, MAIJA]);
  const idOf = (email: string | null) =>
    email ? (members.find((m) => m.email === email)?.id ?? null) : null;
  const image = await firstImage(manager, organisationId);

  const now = Date.now();
  for (const demo of missing) {
    const createdAt = new Date(now - demo.createdDaysAgo * DAY);
    const status = demo.steps.reduce<PackState>((_, step) => NEXT[step.action], 'draft');
    const publishStep = demo.steps.findIndex((step) => step.action === 'publish');
    const authorId = idOf(demo.author);
    // Steps are spread over the time between creation and now (or the scheduled times).
    const stepTime = (index: number, step: DemoStep): Date => {
      if (step.action === 'publish' && demo.publishInDays !== undefined && step.actor === null) {
        return new Date(now + demo.publishInDays * DAY);
      }
      if (step.action === 'expire' && demo.expireInDays !== undefined)
        return new Date(now + demo.expireInDays * DAY);
      const end =
        demo.publishInDays !== undefined && demo.publishInDays < 0 ? now + demo.publishInDays * DAY : now;
      return new Date(
        createdAt.getTime() + ((end - createdAt.getTime()) * (index + 1)) / (demo.steps.length + 2),
      );
    };
    const times = demo.steps.map((step, index) => stepTime(index, step));
    const publishedAt = publishStep >= 0 ? (times[publishStep] ?? null) : null;

    const pack = await insertPack(manager, {
      organisationId,
      slug: demo.slug,
      title: demo.title,
      summary: demo.summary,
      destinationUrl: demo.destinationUrl,
      hashtags: [...demo.hashtags],
      mediaIds: [],
      audienceTeamIds: [],
      audienceKinds: [...(demo.audienceKinds ?? ['employee'])],
      audienceLocales: [...(demo.audienceLocales ?? [])],
      allowCaptionEdit: demo.allowCaptionEdit ?? true,
      status,
      publishAt: demo.publishInDays !== undefined ? new Date(now + demo.publishInDays * DAY) : null,
      expireAt: demo.expireInDays !== undefined ? new Date(now + demo.expireInDays * DAY) : null,
      publishedAt,
      version: demo.steps.length + 1,
      createdById: authorId,
      authorIds: authorId ? [authorId] : [],
      origin: demo.author ? 'manual' : 'feed',
      createdAt,
    });
    for (const [position, variant] of demo.variants.entries()) {
      await insertVariant(manager, {
        packId: pack.id,
        organisationId,
        network: variant.network,
        locale: variant.locale,
        captionTemplate: variant.caption,
        title: variant.title ?? null,
        mediaIds: variant.image && image ? [image.id] : [],
        position,
      });
    }
    const history: Pick<PackTransition, 'from' | 'to' | 'action' | 'actorId' | 'comment' | 'at'>[] = [
      {
        from: null,
        to: 'draft',
        action: demo.author ? 'create' : 'import',
        actorId: authorId,
        comment: null,
        at: createdAt,
      },
    ];
    let from: PackState = 'draft';
    for (const [index, step] of demo.steps.entries()) {
      const to = NEXT[step.action];
      history.push({
        from,
        to,
        action: step.action,
        actorId: idOf(step.actor),
        comment: step.comment ?? null,
        at: times[index] ?? new Date(now),
      });
      from = to;
    }
    await insertTransitions(
      manager,
      history.map((row) => ({ ...row, packId: pack.id, organisationId })),
    );
  }
}

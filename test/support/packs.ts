import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PackState } from '@heimo/domain';
import { MediaAsset } from '../../apps/api/src/modules/media/entities/media-asset.entity';
import { Pack } from '../../apps/api/src/modules/packs/entities/pack.entity';
import { PackTransition } from '../../apps/api/src/modules/packs/entities/pack-transition.entity';
import { PackVariant } from '../../apps/api/src/modules/packs/entities/pack-variant.entity';

export interface NewPackVariant {
  readonly network: string;
  readonly locale?: 'en' | 'fi';
  readonly captionTemplate?: string;
  readonly title?: string | null;
  readonly mediaIds?: string[];
}

export interface NewPack {
  readonly title?: string;
  readonly status?: PackState;
  readonly createdById?: string | null;
  readonly destinationUrl?: string | null;
  readonly publishAt?: Date | null;
  readonly expireAt?: Date | null;
  readonly variants?: readonly NewPackVariant[];
}

/** A pack straight in the database (a draft with a LinkedIn variant unless told otherwise). */
export async function newPack(
  dataSource: DataSource,
  organisationId: string,
  options: NewPack = {},
): Promise<Pack & { variants: PackVariant[] }> {
  const status = options.status ?? 'draft';
  const pack = await dataSource.getRepository(Pack).save({
    organisationId,
    slug: `fixture-${randomBytes(4).toString('hex')}`,
    title: options.title ?? 'Fixture pack',
    summary: 'Made by the test support.',
    destinationUrl:
      options.destinationUrl === undefined ? 'https://example.com/news' : options.destinationUrl,
    hashtags: ['news'],
    mediaIds: [],
    audienceTeamIds: [],
    audienceKinds: ['employee'],
    audienceLocales: [],
    allowCaptionEdit: true,
    status,
    publishAt: options.publishAt ?? null,
    expireAt: options.expireAt ?? null,
    publishedAt: status === 'published' || status === 'expired' ? new Date() : null,
    version: 1,
    createdById: options.createdById ?? null,
    authorIds: options.createdById ? [options.createdById] : [],
    origin: 'manual',
  });
  const variants: PackVariant[] = [];
  for (const [position, variant] of (options.variants ?? [{ network: 'linkedin' }]).entries()) {
    variants.push(
      await dataSource.getRepository(PackVariant).save({
        packId: pack.id,
        organisationId,
        network: variant.network,
        locale: variant.locale ?? 'en',
        captionTemplate: variant.captionTemplate ?? 'Worth a read {{link}} {{hashtags}}',
        title: variant.title ?? null,
        mediaIds: variant.mediaIds ?? [],
        position,
      }),
    );
  }
  await dataSource.getRepository(PackTransition).insert({
    packId: pack.id,
    organisationId,
    from: null,
    to: status,
    action: 'create',
    actorId: options.createdById ?? null,
    comment: null,
  });
  return Object.assign(pack, { variants });
}

/** Everything the packs tables hold for an organisation, for "nothing was written" checks. */
export async function packsState(dataSource: DataSource, organisationId: string): Promise<unknown> {
  const rows = (sql: string) => dataSource.query(sql, [organisationId]);
  return {
    packs: await rows(
      `SELECT id, slug, title, summary, destination_url, hashtags, media_ids, audience_team_ids, audience_kinds,
              audience_locales, allow_caption_edit, status, publish_at, expire_at, published_at, version,
              author_ids, updated_at
         FROM packs WHERE organisation_id = $1 ORDER BY id`,
    ),
    variants: await rows(
      `SELECT id, pack_id, network, locale, caption_template, title, media_ids, position, updated_at
         FROM pack_variants WHERE organisation_id = $1 ORDER BY id`,
    ),
    transitions: await rows('SELECT count(*)::int AS n FROM pack_transitions WHERE organisation_id = $1'),
  };
}

/**
 * A media asset row (no bytes stored: packs only check that the id exists and read its kind), an
 * image described unless `altText` says otherwise.
 */
export async function newMediaAsset(
  dataSource: DataSource,
  organisationId: string,
  kind: 'image' | 'video' = 'image',
  altText = kind === 'image' ? 'A photo for the tests' : '',
): Promise<MediaAsset> {
  return dataSource.getRepository(MediaAsset).save({
    organisationId,
    kind,
    contentType: kind === 'image' ? 'image/png' : 'video/mp4',
    bytes: 1024,
    width: kind === 'image' ? 1000 : null,
    height: kind === 'image' ? 1500 : null,
    storageKey: `test/${randomBytes(8).toString('hex')}`,
    originalName: kind === 'image' ? 'photo.png' : 'clip.mp4',
    altText,
    createdById: null,
  });
}

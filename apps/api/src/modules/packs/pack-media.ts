import type { MediaKind } from '@heimo/domain';
import { type EntityManager, In } from 'typeorm';
import { MediaAsset } from '../media/entities/media-asset.entity';

/** The kinds of those media assets that exist in the organisation, by id; callers report the missing ones. */
export async function findMediaKinds(
  manager: EntityManager,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, MediaKind>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const assets = await manager.getRepository(MediaAsset).find({
    select: { id: true, kind: true },
    where: { organisationId, id: In(unique) },
  });
  return new Map(assets.map((asset) => [asset.id, asset.kind]));
}

import type { EntityManager } from 'typeorm';
import type { MediaKind } from '../../media/entities/media-asset.entity';
import type { MediaRefDto } from './feed.dto';

interface MediaRow {
  id: string;
  kind: MediaKind;
  mimeType: string;
  width: number | null;
  height: number | null;
}

/**
 * The organisation's media assets among `ids`, by id, with their public address
 * (`<publicUrl>/media/<id>`). Ids of another organisation or of deleted assets are simply absent.
 */
export async function loadMediaRefs(
  manager: Pick<EntityManager, 'query'>,
  organisationId: string,
  ids: readonly string[],
  publicUrl: string,
): Promise<Map<string, MediaRefDto>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows: MediaRow[] = await manager.query(
    `SELECT id, kind, content_type AS "mimeType", width, height
       FROM media_assets WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
    [organisationId, unique],
  );
  return new Map(rows.map((row) => [row.id, { ...row, url: `${publicUrl}/media/${row.id}` }]));
}

/** The refs of `ids` in their order, skipping any that no longer exist. */
export function pickMedia(refs: ReadonlyMap<string, MediaRefDto>, ids: readonly string[]): MediaRefDto[] {
  return ids.flatMap((id) => {
    const ref = refs.get(id);
    return ref ? [ref] : [];
  });
}

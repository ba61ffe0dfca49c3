import type { MediaKind } from '../../media/entities/media-asset.entity';
import type { MediaRefDto } from './feed.dto';

/** A media asset as the feed and the share command show it (read by `FeedRepository.mediaAssets`). */
export interface MediaAssetRow {
  id: string;
  kind: MediaKind;
  mimeType: string;
  width: number | null;
  height: number | null;
}

/** The assets by id, each with its public address (`<publicUrl>/media/<id>`). */
export function toMediaRefs(rows: readonly MediaAssetRow[], publicUrl: string): Map<string, MediaRefDto> {
  return new Map(rows.map((row) => [row.id, { ...row, url: `${publicUrl}/media/${row.id}` }]));
}

/** The refs of `ids` in their order, skipping any that no longer exist. */
export function pickMedia(refs: ReadonlyMap<string, MediaRefDto>, ids: readonly string[]): MediaRefDto[] {
  return ids.flatMap((id) => {
    const ref = refs.get(id);
    return ref ? [ref] : [];
  });
}

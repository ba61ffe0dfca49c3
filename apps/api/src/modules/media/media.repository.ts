import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { MediaAsset } from './entities/media-asset.entity';

export type NewMediaAsset = Pick<
  MediaAsset,
  | 'organisationId'
  | 'kind'
  | 'contentType'
  | 'bytes'
  | 'width'
  | 'height'
  | 'storageKey'
  | 'originalName'
  | 'createdById'
>;

/** Every query of the media module: the rows of stored files (their bytes are in `MediaStorage`). */
@Injectable()
export class MediaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Saves the row through `manager` (the caller's transaction), or on its own when null. */
  insert(manager: EntityManager | null, asset: NewMediaAsset): Promise<MediaAsset> {
    const repo = (manager ?? this.dataSource.manager).getRepository(MediaAsset);
    return repo.save(repo.create(asset));
  }

  /** Sets the description of `asset` through `manager` (the caller's transaction); returns it updated. */
  async describe(manager: EntityManager, asset: MediaAsset, altText: string): Promise<MediaAsset> {
    await manager.getRepository(MediaAsset).update({ id: asset.id }, { altText });
    return Object.assign(asset, { altText });
  }

  /** The organisation's assets among `ids` (lower-case uuids), in no particular order. */
  inOrganisation(organisationId: string, ids: readonly string[]): Promise<MediaAsset[]> {
    return this.dataSource.getRepository(MediaAsset).findBy({ organisationId, id: In([...ids]) });
  }

  /** Any organisation's asset by its id (a lower-case uuid). */
  byId(id: string): Promise<MediaAsset | null> {
    return this.dataSource.getRepository(MediaAsset).findOneBy({ id });
  }
}

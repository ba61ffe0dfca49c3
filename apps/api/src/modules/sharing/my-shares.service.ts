import { buildTrackedLink } from '@heimo/content';
import type { NetworkId } from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { type KeysetOrder, keysetPageFromSql, type Page } from '../../infra/database/keyset';
import type { PageQueryDto } from '../../infra/http/keyset-page';
import type { Caller } from '../../infra/http/caller';
import type { MyShareDto } from './dto/my-share.dto';

interface MyShareRow {
  id: string;
  packId: string;
  packTitle: string;
  network: NetworkId;
  code: string;
  text: string;
  audienceSize: number;
  clicks: number;
  uniqueClicks: number;
  previews: number;
  createdAt: Date;
}

const NEWEST_FIRST: KeysetOrder = { column: 's.created_at', kind: 'instant', id: 's.id', direction: 'DESC' };

/** The caller's own shares with their click counters, newest first. */
@Injectable()
export class MySharesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caller: Caller, query: PageQueryDto): Promise<Page<MyShareDto>> {
    const params: unknown[] = [caller.organisationId, caller.memberId];
    return keysetPageFromSql(
      NEWEST_FIRST,
      query,
      (_name, value) => `$${params.push(value)}`,
      (keyset) =>
        this.dataSource.query(
          `SELECT s.id, s.pack_id AS "packId", p.title AS "packTitle", s.network, s.code, s.text,
                  s.audience_size AS "audienceSize", s.clicks, s.unique_clicks AS "uniqueClicks", s.previews,
                  s.created_at AS "createdAt", ${keyset.select}
             FROM shares s JOIN packs p ON p.id = s.pack_id
            WHERE s.organisation_id = $1 AND s.member_id = $2 AND ${keyset.after}
            ORDER BY ${keyset.orderBy}
            LIMIT ${keyset.limit}`,
          params,
        ),
      (row: MyShareRow) => this.toDto(row),
    );
  }

  private toDto(row: MyShareRow): MyShareDto {
    return {
      id: row.id,
      packId: row.packId,
      packTitle: row.packTitle,
      network: row.network,
      code: row.code,
      trackedUrl: buildTrackedLink(this.config.publicUrl, row.code),
      text: row.text,
      audienceSize: row.audienceSize,
      clicks: row.clicks,
      uniqueClicks: row.uniqueClicks,
      previews: row.previews,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

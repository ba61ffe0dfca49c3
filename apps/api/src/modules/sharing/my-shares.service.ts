import { buildTrackedLink } from '@heimo/content';
import type { NetworkId } from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import {
  assertCursorInstant,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  type Page,
  type PageQueryDto,
  toPage,
} from '../../infra/http/keyset-page';
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
  cursorAt: string;
}

/** The caller's own shares with their click counters, newest first. */
@Injectable()
export class MySharesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caller: Caller, query: PageQueryDto): Promise<Page<MyShareDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [caller.organisationId, caller.memberId, limit + 1];
    let after = '';
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
      assertCursorInstant(at);
      params.push(at, id);
      after = 'AND (s.created_at, s.id) < ($4::timestamptz, $5::uuid)';
    }
    const rows: MyShareRow[] = await this.dataSource.query(
      `SELECT s.id, s.pack_id AS "packId", p.title AS "packTitle", s.network, s.code, s.text,
              s.audience_size AS "audienceSize", s.clicks, s.unique_clicks AS "uniqueClicks", s.previews,
              s.created_at AS "createdAt",
              to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
         FROM shares s JOIN packs p ON p.id = s.pack_id
        WHERE s.organisation_id = $1 AND s.member_id = $2 ${after}
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT $3`,
      params,
    );
    return toPage(
      rows,
      limit,
      (row) => [row.cursorAt, row.id],
      (row) => this.toDto(row),
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

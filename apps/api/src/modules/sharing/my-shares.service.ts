import { buildTrackedLink } from '@heimo/content';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { Page } from '../../infra/database/keyset';
import type { PageQueryDto } from '../../infra/http/keyset-page';
import type { Caller } from '../../infra/http/caller';
import type { MyShareItemDto } from './dto/my-share.dto';
import { type MyShareRow, MySharesRepository } from './my-shares.repository';
import { shareOutcome } from '../connections/share-outcome';
import { toDto as toPostDto } from '../connections/share-posts.service';

/** The caller's own shares with their click counters, newest first. */
@Injectable()
export class MySharesService {
  constructor(
    private readonly shares: MySharesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caller: Caller, query: PageQueryDto): Promise<Page<MyShareItemDto>> {
    const page = await this.shares.page(caller.organisationId, caller.memberId, query);
    return { items: page.items.map((row) => this.toDto(row)), nextCursor: page.nextCursor };
  }

  private toDto(row: MyShareRow): MyShareItemDto {
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
      ...shareOutcome(row),
      post: row.post ? toPostDto(row.post) : null,
    };
  }
}

import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The `{ items, nextCursor }` answer of a keyset list of `item`. Extend it under the page's own name,
 * which becomes the schema's name: `export class PackPageDto extends PageDto(PackSummaryDto) {}`.
 */
export function PageDto<T>(item: Type<T>) {
  abstract class PageOfItems {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: String, nullable: true })
    nextCursor!: string | null;
  }
  return PageOfItems;
}

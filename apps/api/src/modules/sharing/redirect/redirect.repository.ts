import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Where a tracked link leads: the share's id and its redirect URL. */
export interface RedirectRow {
  readonly id: string;
  readonly redirectUrl: string;
}

/** What the redirect reads on a cache miss. */
@Injectable()
export class RedirectRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The share with this code (any organisation's: the code is unique), or null. */
  async byCode(code: string): Promise<RedirectRow | null> {
    const rows: RedirectRow[] = await this.dataSource.query(
      'SELECT id, redirect_url AS "redirectUrl" FROM shares WHERE code = $1',
      [code],
    );
    return rows[0] ?? null;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Where a tracked link leads: the share's id (null for a reserved code) and its redirect URL. */
export interface RedirectRow {
  readonly id: string | null;
  readonly redirectUrl: string;
}

/** What the redirect reads on a cache miss. */
@Injectable()
export class RedirectRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The share with this code (any organisation's: the code is unique), else a reservation holding it
   * unconfirmed and unexpired (id null: its visits are not counted), or null.
   */
  async byCode(code: string): Promise<RedirectRow | null> {
    const rows: RedirectRow[] = await this.dataSource.query(
      `SELECT id, redirect_url AS "redirectUrl" FROM shares WHERE code = $1
       UNION ALL
       SELECT NULL, redirect_url FROM share_reservations
        WHERE code = $1 AND share_id IS NULL AND expires_at > now()
       LIMIT 1`,
      [code],
    );
    return rows[0] ?? null;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SecretBox } from '../../../../infra/security/secret-box';
import { MastodonApp } from './mastodon-app.entity';

/** Heimo's client on one server, the secret opened. */
export interface MastodonClient {
  readonly server: string;
  readonly redirectUri: string;
  readonly scopes: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export const appSecretContext = (server: string, redirectUri: string) =>
  `mastodon-client-secret:${server} ${redirectUri}`;

/** The apps Heimo registered on Mastodon servers (`mastodon_apps`), client secrets sealed. */
@Injectable()
export class MastodonApps {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  async find(server: string, redirectUri: string): Promise<MastodonClient | null> {
    const row = await this.dataSource.getRepository(MastodonApp).findOneBy({ server, redirectUri });
    return row ? this.opened(row) : null;
  }

  async findByClientId(server: string, clientId: string): Promise<MastodonClient | null> {
    const row = await this.dataSource.getRepository(MastodonApp).findOneBy({ server, clientId });
    return row ? this.opened(row) : null;
  }

  /**
   * Keeps a newly registered client; where another request registered one for the same server and
   * redirect URI meanwhile, that one is kept and answered (the extra registration is left unused).
   */
  async keep(client: MastodonClient): Promise<MastodonClient> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(MastodonApp)
      .values({
        server: client.server,
        redirectUri: client.redirectUri,
        scopes: client.scopes,
        clientId: client.clientId,
        clientSecretSealed: this.box.seal(
          client.clientSecret,
          appSecretContext(client.server, client.redirectUri),
        ),
      })
      .orIgnore()
      .execute();
    return (await this.find(client.server, client.redirectUri)) ?? client;
  }

  private opened(row: MastodonApp): MastodonClient {
    return {
      server: row.server,
      redirectUri: row.redirectUri,
      scopes: row.scopes,
      clientId: row.clientId,
      clientSecret: this.box.open(row.clientSecretSealed, appSecretContext(row.server, row.redirectUri)),
    };
  }
}

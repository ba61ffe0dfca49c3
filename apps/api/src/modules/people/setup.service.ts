import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../../infra/config/config.module';
import { AuthService, type IssuedTokens } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hasher';
import { Organisation } from '../organisations/entities/organisation.entity';
import type { SetupDto } from './dto/setup.dto';
import { SetupToken } from './entities/setup-token.entity';
import { assertAcceptablePassword } from './password-policy';
import { SetupClosedError, SetupTokenInvalidError } from './people.errors';
import { ProvisioningService } from './provisioning.service';

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
/** Serialises replicas starting together on an empty database: one of them mints the token. */
const MINT_LOCK = 'heimo:setup_tokens';

/**
 * The first run in the browser: while the database holds no organisation, the server prints a
 * setup link (`/setup?token=…`) at every start, and the first person to follow it creates the
 * organisation and becomes its first admin. The link works once.
 *
 * The token is HMAC(AUTH_SECRET, seed) with a random seed kept in `setup_tokens` beside the token's
 * SHA-256: every replica and every restart prints the same link (the operator finds it again by
 * restarting or in any replica's output), the database alone does not give it away, and the token
 * itself is never stored. When AUTH_SECRET changes, the next start replaces the unusable token.
 */
@Injectable()
export class SetupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME_SERVICES) private readonly services: Pick<RuntimeServices, 'authSecret'>,
    private readonly provisioning: ProvisioningService,
    private readonly auth: AuthService,
  ) {}

  private tokenFor(seed: string): string {
    return createHmac('sha256', this.services.authSecret)
      .update(`heimo:setup:v1:${seed}`)
      .digest('base64url');
  }

  private hasOrganisation(manager: EntityManager): Promise<boolean> {
    return manager.getRepository(Organisation).exists();
  }

  /**
   * The setup link when setup is open (no organisation yet): the unused token's, or a new one's
   * when there is none (or it was derived under another AUTH_SECRET). Null once an organisation exists.
   */
  async openLink(): Promise<string | null> {
    const token = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MINT_LOCK]);
      if (await this.hasOrganisation(manager)) return null;
      const tokens = manager.getRepository(SetupToken);
      const unused = await tokens.findOneBy({ usedAt: IsNull() });
      if (unused && sha256(this.tokenFor(unused.seed)) === unused.tokenHash)
        return this.tokenFor(unused.seed);
      await tokens.delete({ usedAt: IsNull() });
      const seed = randomBytes(32).toString('base64url');
      const minted = this.tokenFor(seed);
      await tokens.insert({ seed, tokenHash: sha256(minted), usedAt: null });
      return minted;
    });
    return token ? `${this.config.publicUrl}/setup?token=${token}` : null;
  }

  /** Open while no organisation exists and a link has been printed; says nothing else. */
  async isOpen(): Promise<boolean> {
    const manager = this.dataSource.manager;
    if (await this.hasOrganisation(manager)) return false;
    return manager.getRepository(SetupToken).existsBy({ usedAt: IsNull() });
  }

  /**
   * Creates the organisation and its first admin (active, signed in) with the printed token, which
   * then stops working. The token is taken by a conditional update, so of two requests at once one
   * creates and the other finds it used; a refused request writes nothing.
   */
  async complete(input: SetupDto, userAgent?: string): Promise<IssuedTokens> {
    assertAcceptablePassword(input.password);
    const tokenHash = sha256(input.token);
    // Checked before the password's costly hash; checked again, and taken, inside the transaction.
    await this.assertUsable(this.dataSource.manager, tokenHash);
    const passwordHash = await hashPassword(input.password);
    const admin = await this.dataSource.transaction(async (manager) => {
      // A second request with the same token waits here for the first one's row lock, then finds it used.
      const taken = await manager
        .createQueryBuilder()
        .update(SetupToken)
        .set({ usedAt: () => 'now()' })
        .where('token_hash = :tokenHash AND used_at IS NULL', { tokenHash })
        .execute();
      if (taken.affected !== 1) {
        await this.assertUsable(manager, tokenHash);
        throw new SetupTokenInvalidError();
      }
      if (await this.hasOrganisation(manager)) throw new SetupClosedError();
      const created = await this.provisioning.insertWithAdmin(
        manager,
        input,
        { email: input.email, passwordHash },
        'setup',
        false,
      );
      if (!created) throw new SetupClosedError();
      return created.admin;
    });
    return this.auth.startSession(admin, userAgent);
  }

  /** Throws when setup is closed (an organisation exists) or the token is not the unused one. */
  private async assertUsable(manager: EntityManager, tokenHash: string): Promise<void> {
    if (await this.hasOrganisation(manager)) throw new SetupClosedError();
    const unused = await manager.getRepository(SetupToken).existsBy({ tokenHash, usedAt: IsNull() });
    if (!unused) throw new SetupTokenInvalidError();
  }
}

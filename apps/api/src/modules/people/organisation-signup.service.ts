import { createHash, randomBytes } from 'node:crypto';
import { renderEmail } from '@heimo/content';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AuthService, type IssuedTokens } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hasher';
import type { Locale } from '../members/entities/member.entity';
import { MailTransport } from '../notifications/mail-transport';
import type { ConfirmOrganisationSignupDto } from './dto/organisation-signup.dto';
import { OrganisationSignup } from './entities/organisation-signup.entity';
import { assertAcceptablePassword } from './password-policy';
import {
  OrganisationSignupExpiredError,
  OrganisationSignupInvalidError,
  OrganisationSignupOffError,
  OrganisationSignupUsedError,
} from './people.errors';
import { ProvisioningService } from './provisioning.service';

/** How long the e-mailed link works. */
export const ORGANISATION_SIGNUP_TTL_HOURS = 48;
/** Links sent to one address in an hour; further requests answer the same and send nothing. */
const PER_ADDRESS_PER_HOUR = 3;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * Creating a further organisation from the web, when ALLOW_ORGANISATION_SIGNUP is on: anyone asks
 * with an address, and whoever follows the link e-mailed to it creates the organisation and becomes
 * its first admin with that address. The request answers the same for every address (nothing about
 * existing members is looked up), and nothing but the request row is written before the link is followed.
 *
 * The e-mail belongs to no organisation (none exists yet), so it is not a notification delivery
 * (those are per organisation, listed on its outbox page, retried by its queue): it is rendered with
 * the same templates and layout and handed to the mail transport directly, while the request waits.
 * A failed send is logged and the person can ask again; the answer stays the same.
 */
@Injectable()
export class OrganisationSignupService {
  private readonly logger = new Logger(OrganisationSignupService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transport: MailTransport,
    private readonly provisioning: ProvisioningService,
    private readonly auth: AuthService,
  ) {}

  get open(): boolean {
    return this.config.ALLOW_ORGANISATION_SIGNUP;
  }

  private assertOpen(): void {
    if (!this.open) throw new OrganisationSignupOffError();
  }

  /** Records the request and e-mails its link (at most a few an hour to one address). */
  async request(email: string, locale: Locale = 'en'): Promise<void> {
    this.assertOpen();
    const signups = this.dataSource.getRepository(OrganisationSignup);
    const recent = await signups.countBy({ email, createdAt: MoreThan(new Date(Date.now() - 3600_000)) });
    if (recent >= PER_ADDRESS_PER_HOUR) return;
    const token = randomBytes(32).toString('base64url');
    const signup = await signups.save({
      email,
      locale,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + ORGANISATION_SIGNUP_TTL_HOURS * 3600_000),
      usedAt: null,
    });
    const rendered = renderEmail(
      'organisation_signup_verify',
      locale,
      { verifyUrl: `${this.config.publicUrl}/signup-organisation?token=${token}` },
      { organisationName: 'Heimo', unsubscribeUrl: '', preferencesUrl: null },
    );
    try {
      await this.transport.send({ deliveryId: signup.id, to: email, ...rendered, unsubscribeUrl: '' });
    } catch (error) {
      this.logger.error(
        `The link to create an organisation (request ${signup.id}) was not sent: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  /**
   * Follows the link: creates the organisation and its first admin (the confirmed address), records
   * `organisation.created` and signs the admin in. The request is taken by a conditional update, so
   * the link works once even for two requests at once; a refused request writes nothing.
   */
  async confirm(input: ConfirmOrganisationSignupDto, userAgent?: string): Promise<IssuedTokens> {
    this.assertOpen();
    assertAcceptablePassword(input.password);
    const tokenHash = sha256(input.token);
    const signups = this.dataSource.getRepository(OrganisationSignup);
    // Checked before the password's costly hash; checked again, and taken, inside the transaction.
    this.assertUsable(await signups.findOneBy({ tokenHash }));
    const passwordHash = await hashPassword(input.password);
    const admin = await this.dataSource.transaction(async (manager) => {
      const taken = await manager
        .createQueryBuilder()
        .update(OrganisationSignup)
        .set({ usedAt: () => 'now()' })
        .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > now()', { tokenHash })
        .returning(['email'])
        .execute();
      const email = (taken.raw as { email: string }[])[0]?.email;
      if (taken.affected !== 1 || !email) {
        this.assertUsable(await manager.getRepository(OrganisationSignup).findOneBy({ tokenHash }));
        throw new OrganisationSignupInvalidError();
      }
      const created = await this.provisioning.insertWithAdmin(
        manager,
        input,
        { email, passwordHash },
        'signup',
        true,
      );
      // Six random slugs all taken: as good as impossible; the whole request is undone.
      if (!created) throw new Error('No free slug for the new organisation');
      return created.admin;
    });
    return this.auth.startSession(admin, userAgent);
  }

  private assertUsable(signup: OrganisationSignup | null): void {
    if (!signup) throw new OrganisationSignupInvalidError();
    if (signup.usedAt) throw new OrganisationSignupUsedError();
    if (signup.expiresAt <= new Date()) throw new OrganisationSignupExpiredError();
  }
}

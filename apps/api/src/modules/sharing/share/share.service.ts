import { createHash } from 'node:crypto';
import {
  buildShareRedirectUrl,
  buildTrackedLink,
  composeShareCaption,
  firstNameOf,
  type ComplianceSettings,
} from '@heimo/content';
import { buildShareAction, decideShareCredit, type NetworkId } from '@heimo/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Counter } from 'prom-client';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/config';
import type { Caller } from '../../../infra/http/caller';
import { Metrics } from '../../../infra/metrics/metrics';
import { AuditService } from '../../audit/audit.service';
import { WebhookEvents } from '../../webhooks/webhook-events';
import type { Locale } from '../../members/entities/member.entity';
import { complianceSettings } from '../../organisations/organisation-settings.defaults';
import { OrganisationSettingsService } from '../../organisations/organisation-settings.service';
import type { Pack } from '../../packs/entities/pack.entity';
import type { PackVariant } from '../../packs/entities/pack-variant.entity';
import { ReadinessService } from '../../training/readiness.service';
import type { Share } from '../entities/share.entity';
import { RedirectCache } from '../redirect/redirect-cache';
import { RollupService } from '../rollup.service';
import { ShareCodeService } from '../share-code.service';
import { FeedRepository } from '../feed/feed.repository';
import { absoluteMediaUrl, pickMedia, toMediaRefs } from '../feed/media-refs';
import { isInAudience, variantLocaleFor } from '../feed/pack-audience';
import { ShareVerifications } from '../../connections/share-verifications.service';
import type { MediaRefDto } from '../feed/feed.dto';
import type { CreateShareDto, ShareResultDto } from './share.dto';
import { ShareRepository } from './share.repository';
import {
  CaptionEditNotAllowedError,
  CaptionInvalidError,
  IdempotencyKeyReusedError,
  NetworkDisabledError,
  NoVariantError,
  NotInAudienceError,
  PackExpiredError,
  PackNotPublishedError,
  TrainingRequiredError,
} from './share.errors';

export interface ShareOutcome {
  readonly share: ShareResultDto;
  /** True when an earlier request with the same Idempotency-Key made the share. */
  readonly replayed: boolean;
}

/** What the share command checked, for composing the caption and the answer. */
export interface CheckedShare {
  readonly pack: Pack;
  readonly member: Awaited<ReturnType<FeedRepository['sharer']>>;
  readonly variant: PackVariant;
  readonly locale: Locale;
  readonly media: MediaRefDto[];
  readonly settings: Awaited<ReturnType<OrganisationSettingsService['get']>>;
  readonly compliance: ComplianceSettings;
}

/** A reserved code the share is made with (see ShareReservationService). */
export interface ReservedCode {
  readonly code: string;
  /** First thing after the replay check, in the share's transaction: lock the reservation, refuse an expired one. */
  claim(manager: EntityManager): Promise<void>;
  /** After the share is stored, in its transaction. */
  confirmed(manager: EntityManager, shareId: string): Promise<void>;
}

const IDEMPOTENCY_INDEX = 'uq_shares_member_idempotency_key';

/** Same key, same request: the pack, the network and the edited caption (or none). */
export function shareFingerprint(body: CreateShareDto): string {
  return createHash('sha256')
    .update(JSON.stringify([body.packId.toLowerCase(), body.network, body.caption ?? null]))
    .digest('base64url');
}

function isIdempotencyConflict(error: unknown): boolean {
  const driverError =
    error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' && driverError.constraint === IDEMPOTENCY_INDEX;
}

/**
 * The share command: checks everything again (pack state and expiry, audience, training, network,
 * variant, caption with the real link in), then stores the share with a new code and its rollup in one
 * transaction, and primes the redirect cache after the commit.
 */
@Injectable()
export class ShareService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: OrganisationSettingsService,
    private readonly readiness: ReadinessService,
    private readonly codes: ShareCodeService,
    private readonly rollups: RollupService,
    private readonly redirects: RedirectCache,
    private readonly audit: AuditService,
    private readonly feed: FeedRepository,
    private readonly shares: ShareRepository,
    private readonly webhooks: WebhookEvents,
    private readonly verifications: ShareVerifications,
    metrics: Metrics,
  ) {
    this.made = metrics.counter({
      name: 'heimo_shares_total',
      help: 'Shares made (each with its own tracked link), by network; replays of an Idempotency-Key not counted.',
      labelNames: ['network'] as const,
    });
  }

  private readonly made: Counter<'network'>;

  /**
   * Makes the share. With `reserved` (a confirmed reservation) the share gets the reserved code, and
   * the reservation is claimed and marked in the same transaction.
   */
  async share(
    caller: Caller,
    body: CreateShareDto,
    idempotencyKey: string | null,
    reserved: ReservedCode | null = null,
  ): Promise<ShareOutcome> {
    const fingerprint = shareFingerprint(body);
    let outcome: ShareOutcome & { redirectUrl: string; verified?: { id: string; createdAt: Date } | null };
    try {
      outcome = await this.dataSource.transaction((manager) =>
        this.inTransaction(manager, caller, body, idempotencyKey, fingerprint, reserved),
      );
    } catch (error) {
      // The advisory lock serialises requests with one key; the unique index is the last word.
      if (!idempotencyKey || !isIdempotencyConflict(error)) throw error;
      const earlier = await this.dataSource.transaction((manager) =>
        this.replay(manager, caller, idempotencyKey, fingerprint),
      );
      if (!earlier) throw error;
      return earlier;
    }
    const { redirectUrl, verified: _verified, ...result } = outcome;
    if (!result.replayed) {
      this.redirects.primeShare({ id: result.share.id, code: result.share.code, redirectUrl });
      this.made.inc({ network: body.network });
      if (outcome.verified) await this.verifications.schedule(outcome.verified);
    }
    return result;
  }

  private async inTransaction(
    manager: EntityManager,
    caller: Caller,
    body: CreateShareDto,
    idempotencyKey: string | null,
    fingerprint: string,
    reserved: ReservedCode | null,
  ): Promise<ShareOutcome & { redirectUrl: string; verified?: { id: string; createdAt: Date } | null }> {
    const { organisationId, memberId } = caller;
    if (idempotencyKey) {
      // Requests with the same key wait here for each other; the later one then finds the share.
      await this.shares.waitForIdempotencyKey(manager, memberId, idempotencyKey);
      const earlier = await this.replay(manager, caller, idempotencyKey, fingerprint);
      if (earlier) return { ...earlier, redirectUrl: '' };
    }
    await reserved?.claim(manager);

    const checked = await this.check(manager, caller, body, new Date());
    const { pack, variant, locale, media, settings } = checked;
    const audienceSize = await this.shares.audienceSize(manager, organisationId, memberId, body.network);

    // Credit: decided with the member's other share commands waiting, so none counts without the others.
    await this.shares.waitForCreditTurn(manager, memberId);
    const earlier = await this.shares.earlierShares(manager, organisationId, memberId, pack.id, body.network);
    const day = await this.feed.creditDay(organisationId, memberId, manager);
    const credit = decideShareCredit({
      creditedBefore: earlier.creditedBefore,
      creditedToday: day.creditedToday,
      dailyCap: settings.dailyCreditedShares,
    });

    const build = (code: string) => ({
      organisationId,
      memberId,
      packId: pack.id,
      network: body.network,
      locale,
      text: this.compose(checked, body, code),
      redirectUrl: this.redirectUrl(pack, body.network, code),
      audienceSize: audienceSize ?? 0,
      idempotencyKey,
      idempotencyFingerprint: idempotencyKey ? fingerprint : null,
      credited: credit.credited,
      uncreditedReason: credit.uncreditedReason,
      creditGroupId: earlier.creditGroupId,
    });
    const share = reserved
      ? await this.codes.insertWithCode(manager, reserved.code, build)
      : await this.codes.insertWithNewCode(manager, build);
    await reserved?.confirmed(manager, share.id);
    await this.rollups.recordShare(manager, share);
    // A share on a network the member connected is looked for there (connections); its credit is provisional.
    const verified = (await this.verifications.begin(manager, share)) ? share : null;
    await this.audit.record(
      {
        organisationId,
        actorId: memberId,
        action: 'share.created',
        target: { type: 'pack', id: pack.id },
        details: { shareId: share.id, network: share.network, credited: share.credited },
      },
      manager,
    );
    await this.webhooks.emit(manager, organisationId, 'share.created', {
      shareId: share.id,
      packId: pack.id,
      memberId,
      network: share.network,
      credited: share.credited,
      createdAt: share.createdAt.toISOString(),
    });
    return {
      share: this.toResult(
        share,
        pack.destinationUrl !== null,
        variant.title,
        media[0] ?? null,
        day.nextDayStartsAt,
      ),
      replayed: false,
      redirectUrl: share.redirectUrl,
      verified,
    };
  }

  /**
   * The share command's checks, in their order (each its own error; nothing is written): the pack
   * is published and unexpired, meant for the member, their training is complete, the network is
   * enabled and has a variant, and an edited caption is allowed. The reservation runs them too.
   */
  async check(
    manager: EntityManager,
    caller: Caller,
    body: CreateShareDto,
    now: Date,
  ): Promise<CheckedShare> {
    const { organisationId, memberId } = caller;
    const pack = await this.shares.lockPack(manager, organisationId, body.packId);
    if (pack.status === 'expired' || (pack.status === 'published' && pack.expireAt && pack.expireAt <= now)) {
      throw new PackExpiredError();
    }
    if (pack.status !== 'published') throw new PackNotPublishedError(pack.status);

    const member = await this.feed.sharer(organisationId, memberId, manager);
    if (!isInAudience(pack, member)) throw new NotInAudienceError();

    const readiness = await this.readiness.forMember(organisationId, memberId, now, manager);
    if (!readiness.mayShare) {
      throw new TrainingRequiredError(
        readiness.blocking.map(({ moduleId, title, status, code }) => ({ moduleId, title, status, code })),
      );
    }

    const settings = await this.settings.get(organisationId, manager);
    const enabled = new Set<string>(settings.enabledNetworks);
    if (!enabled.has(body.network)) throw new NetworkDisabledError();

    const variants = await this.shares.variantsOf(manager, organisationId, pack.id);
    const locale = variantLocaleFor(variants, enabled, member.locale, member.defaultLocale);
    const variant = variants.find((v) => v.network === body.network && v.locale === locale);
    if (!variant) throw new NoVariantError(locale);
    if (body.caption !== undefined && !pack.allowCaptionEdit) throw new CaptionEditNotAllowedError();

    const mediaIds = variant.mediaIds.length ? variant.mediaIds : pack.mediaIds;
    const media = pickMedia(await this.mediaRefs(manager, organisationId, mediaIds), mediaIds);
    return { pack, member, variant, locale, media, settings, compliance: complianceSettings(settings) };
  }

  /** The final caption with the real tracked link of `code` in; `share.caption_invalid` when it breaks a rule. */
  compose(checked: CheckedShare, body: CreateShareDto, code: string): string {
    const { pack, member, variant, media, compliance } = checked;
    const caption = composeShareCaption({
      networkId: body.network,
      template: variant.captionTemplate,
      editedText: body.caption ?? null,
      context: {
        pack: { title: pack.title, hashtags: pack.hashtags },
        advocateFirstName: firstNameOf(member.name),
      },
      // The sharer's own kind's disclosure goes in, and must be there.
      kind: member.kind,
      link: pack.destinationUrl ? buildTrackedLink(this.config.publicUrl, code) : null,
      settings: compliance,
      title: variant.title,
      media,
    });
    if (!caption.ok) throw new CaptionInvalidError(caption.issues);
    return caption.text;
  }

  /** The share an earlier request with this key made, or null; a different request with the key is refused. */
  async replay(
    manager: EntityManager,
    caller: Caller,
    idempotencyKey: string,
    fingerprint: string,
  ): Promise<ShareOutcome | null> {
    const share = await this.shares.byIdempotencyKey(
      manager,
      caller.organisationId,
      caller.memberId,
      idempotencyKey,
    );
    if (!share) return null;
    if (share.idempotencyFingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
    const pack = await this.shares.packOfShare(manager, share);
    const variant = await this.shares.variantOfShare(manager, share);
    const mediaIds = variant?.mediaIds.length ? variant.mediaIds : pack.mediaIds;
    const media = pickMedia(await this.mediaRefs(manager, caller.organisationId, mediaIds), mediaIds);
    return {
      share: this.toResult(
        share,
        pack.destinationUrl !== null,
        variant?.title ?? null,
        media[0] ?? null,
        null,
      ),
      replayed: true,
    };
  }

  private async mediaRefs(
    manager: EntityManager,
    organisationId: string,
    ids: readonly string[],
  ): Promise<Map<string, MediaRefDto>> {
    return toMediaRefs(await this.feed.mediaAssets(organisationId, ids, manager));
  }

  /**
   * The destination with the share's UTM parameters. A pack without a link has nothing to track; its
   * code (never shown in the caption) leads to the platform's front page.
   */
  redirectUrl(pack: Pick<Pack, 'slug' | 'destinationUrl'>, network: NetworkId, code: string): string {
    if (!pack.destinationUrl) return `${this.config.publicUrl}/`;
    const built = buildShareRedirectUrl({
      destination: pack.destinationUrl,
      networkId: network,
      campaign: pack.slug,
      shareCode: code,
    });
    // Destinations are normalised by parseDestinationUrl when the pack is saved.
    if (!built.ok) throw new Error(`pack ${pack.slug} has an unusable destination: ${built.code}`);
    return built.url;
  }

  /**
   * The share as the client gets it. A share intent leaves Heimo: the network fetches the media from
   * its absolute address. A manual share's media is downloaded in the app: its relative address.
   */
  private toResult(
    share: Share,
    hasLink: boolean,
    title: string | null,
    media: MediaRefDto | null,
    nextDayStartsAt: Date | null,
  ): ShareResultDto {
    const trackedUrl = buildTrackedLink(this.config.publicUrl, share.code);
    const action = buildShareAction(share.network, {
      text: share.text,
      link: hasLink ? trackedUrl : null,
      title,
      mediaUrl: media ? absoluteMediaUrl(this.config.publicUrl, media) : null,
    });
    return {
      id: share.id,
      code: share.code,
      network: share.network,
      locale: share.locale as Locale,
      text: share.text,
      trackedUrl,
      action: action.kind === 'manual' ? { ...action, mediaUrl: media?.url ?? null } : action,
      createdAt: share.createdAt.toISOString(),
      credited: share.credited,
      uncreditedReason: share.uncreditedReason,
      creditResumesAt:
        share.uncreditedReason === 'daily_cap' && nextDayStartsAt ? nextDayStartsAt.toISOString() : null,
    };
  }
}

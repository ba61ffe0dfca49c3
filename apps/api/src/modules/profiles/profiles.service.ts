import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type AuditAction, decideAudience } from '@heimo/domain';
import { findScopedOr404, lockScopedOr404 } from '../../infra/database/scoped-lookup';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../../infra/http/caller';
import {
  MAX_PENDING_AUDIENCES,
  type PendingAudienceListDto,
  type CreateProfileDto,
  type ProfileDto,
  type ProfileListDto,
  type ProfileRecordDto,
  type UpdateProfileDto,
} from './dto/profile.dto';
import { SocialProfile } from './entities/social-profile.entity';
import {
  AudienceNotPendingError,
  AudienceVerifiedError,
  ProfileNetworkTakenError,
  ProfileNotFoundError,
} from './profiles.errors';
import { ProfilesRepository } from './profiles.repository';

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

const notFound = () => new ProfileNotFoundError();

/** The caller's own social profiles; every audience size they set is kept in the history. */
@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: ProfilesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller): Promise<ProfileListDto> {
    const profiles = await this.profiles.ofMember(caller.organisationId, caller.memberId);
    return { items: profiles.map(toProfileDto), nextCursor: null };
  }

  async create(caller: Caller, body: CreateProfileDto): Promise<ProfileDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { organisationId, memberId } = caller;
        if (await this.profiles.hasNetwork(manager, organisationId, memberId, body.network))
          throw new ProfileNetworkTakenError();
        const decision = decideAudience({
          reported: body.audienceSize,
          counted: null,
          lowestRecent: null,
          ceiling: await this.profiles.audienceCeiling(manager, organisationId),
        });
        const profile = await this.profiles.insert(manager, {
          organisationId,
          memberId,
          network: body.network,
          handle: body.handle,
          audienceSize: decision.counted,
          pendingAudienceSize: decision.pending?.size ?? null,
          pendingAudienceReason: decision.pending?.reason ?? null,
          pendingAudienceSince: decision.pending ? new Date() : null,
        });
        await this.profiles.recordAudience(manager, profile, body.audienceSize);
        await this.record(manager, caller, 'profile.created', profile, { network: profile.network });
        return toProfileDto(profile);
      });
    } catch (error) {
      // Two tabs adding the same network at once: the unique index decides.
      if (isUniqueViolation(error)) throw new ProfileNetworkTakenError();
      throw error;
    }
  }

  async update(caller: Caller, profileId: string, body: UpdateProfileDto): Promise<ProfileDto> {
    return this.dataSource.transaction(async (manager) => {
      const profile = await this.ownProfile(manager, caller, profileId, { lock: true });
      const changed: string[] = [];
      if (body.handle !== undefined && body.handle !== profile.handle) {
        profile.handle = body.handle;
        changed.push('handle');
      }
      const reported = profile.pendingAudienceSize ?? profile.audienceSize;
      if (body.audienceSize !== undefined && body.audienceSize !== reported) {
        // A connected account's follower count is read from the network, not reported.
        if (await this.profiles.isConnected(manager, caller.memberId, profile.network))
          throw new AudienceVerifiedError();
        // Counted as far as believable (`decideAudience`): above the ceiling or grown more than
        // twofold within 30 days, it waits for an admin and the previous size counts meanwhile.
        const decision = decideAudience({
          reported: body.audienceSize,
          counted: profile.audienceSize,
          // The size counting now is in effect within the window too (a profile made before the history).
          lowestRecent: Math.min(
            profile.audienceSize,
            (await this.profiles.lowestRecentAudience(manager, profile.id)) ?? profile.audienceSize,
          ),
          ceiling: await this.profiles.audienceCeiling(manager, caller.organisationId),
        });
        profile.audienceSize = decision.counted;
        profile.pendingAudienceSize = decision.pending?.size ?? null;
        profile.pendingAudienceReason = decision.pending?.reason ?? null;
        profile.pendingAudienceSince = decision.pending ? new Date() : null;
        changed.push('audienceSize');
      }
      if (!changed.length) return toProfileDto(profile);
      const saved = await this.profiles.save(manager, profile);
      if (changed.includes('audienceSize'))
        await this.profiles.recordAudience(manager, saved, body.audienceSize);
      // Field names only: the handle and the audience size stay out of the log.
      await this.record(manager, caller, 'profile.updated', saved, { network: saved.network, changed });
      return toProfileDto(saved);
    });
  }

  /** The organisation's reported audiences waiting for an admin's confirmation, oldest first. */
  async pendingAudiences(caller: Caller): Promise<PendingAudienceListDto> {
    const rows = await this.profiles.pendingAudiences(caller.organisationId, MAX_PENDING_AUDIENCES);
    return {
      items: rows.map((row) => ({ ...row, reportedAt: row.reportedAt.toISOString() })),
      nextCursor: null,
    };
  }

  /**
   * An admin confirms a reported audience: it counts from now (earlier shares keep the audience they
   * snapshotted). `audienceSize` must be the pending size the admin saw; another (the member changed
   * it meanwhile) or none pending is a conflict that names the current one.
   */
  async confirmAudience(caller: Caller, profileId: string, audienceSize: number): Promise<ProfileDto> {
    return this.dataSource.transaction(async (manager) => {
      const profile = await lockScopedOr404(
        manager,
        SocialProfile,
        caller.organisationId,
        profileId,
        notFound,
      );
      if (profile.pendingAudienceSize !== audienceSize)
        throw new AudienceNotPendingError(profile.pendingAudienceSize);
      profile.audienceSize = audienceSize;
      profile.pendingAudienceSize = null;
      profile.pendingAudienceReason = null;
      profile.pendingAudienceSince = null;
      const saved = await this.profiles.save(manager, profile);
      await this.profiles.recordAudience(manager, saved, audienceSize);
      await this.record(manager, caller, 'profile.updated', saved, {
        network: saved.network,
        changed: ['audienceSize'],
        confirmed: true,
      });
      return toProfileDto(saved);
    });
  }

  async remove(caller: Caller, profileId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const profile = await this.ownProfile(manager, caller, profileId, { lock: false });
      // The history goes with the profile (on delete cascade).
      const deleted = await this.profiles.delete(manager, caller.organisationId, profile.id);
      // A concurrent delete got there first: answer as if it had finished before this one began.
      if (!deleted) throw notFound();
      await this.record(manager, caller, 'profile.deleted', profile, { network: profile.network });
    });
  }

  /** The member's profiles with every audience size each has had: their part of the privacy export. */
  async recordsOf(organisationId: string, memberId: string): Promise<ProfileRecordDto[]> {
    const profiles = await this.profiles.ofMember(organisationId, memberId);
    const history = profiles.length
      ? await this.profiles.audienceHistory(
          organisationId,
          profiles.map((p) => p.id),
        )
      : [];
    return profiles.map((profile) => ({
      ...toProfileDto(profile),
      audienceHistory: history
        .filter((h) => h.profileId === profile.id)
        .map((h) => ({ audienceSize: h.audienceSize, recordedAt: h.recordedAt.toISOString() })),
    }));
  }

  /** Erasure: the member's profiles and their audience history go, in the erasing transaction. */
  eraseMember(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    return this.profiles.deleteMember(manager, organisationId, memberId);
  }

  /** The caller's own profile: another member's is not found. */
  private ownProfile(
    manager: EntityManager,
    caller: Caller,
    profileId: string,
    { lock }: { lock: boolean },
  ): Promise<SocialProfile> {
    const where = { memberId: caller.memberId };
    return lock
      ? lockScopedOr404(manager, SocialProfile, caller.organisationId, profileId, notFound, { where })
      : findScopedOr404(manager, SocialProfile, caller.organisationId, profileId, notFound, { where });
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    profile: SocialProfile,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: caller.organisationId,
        actorId: caller.memberId,
        action,
        target: { type: 'social_profile', id: profile.id },
        details,
      },
      manager,
    );
  }
}

export function toProfileDto(profile: SocialProfile): ProfileDto {
  return {
    id: profile.id,
    network: profile.network,
    handle: profile.handle,
    audienceSize: profile.audienceSize,
    pendingAudienceSize: profile.pendingAudienceSize,
    pendingReason: profile.pendingAudienceReason,
    audienceVerifiedAt: profile.audienceVerifiedAt?.toISOString() ?? null,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { Caller } from '../auth/caller';
import type { CreateProfileDto, ProfileDto, ProfileListDto, UpdateProfileDto } from './dto/profile.dto';
import { ProfileAudienceHistory } from './entities/profile-audience-history.entity';
import { SocialProfile } from './entities/social-profile.entity';
import { ProfileNetworkTakenError, ProfileNotFoundError } from './profiles.errors';

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/** The caller's own social profiles; every audience size they set is kept in the history. */
@Injectable()
export class ProfilesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(caller: Caller): Promise<ProfileListDto> {
    const profiles = await this.dataSource.getRepository(SocialProfile).find({
      where: { organisationId: caller.organisationId, memberId: caller.memberId },
      order: { network: 'ASC' },
    });
    return { items: profiles.map(toProfileDto), nextCursor: null };
  }

  async create(caller: Caller, body: CreateProfileDto): Promise<ProfileDto> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(SocialProfile);
        const { organisationId, memberId } = caller;
        if (await repo.existsBy({ organisationId, memberId, network: body.network }))
          throw new ProfileNetworkTakenError();
        const profile = await repo.save(
          repo.create({
            organisationId,
            memberId,
            network: body.network,
            handle: body.handle,
            audienceSize: body.audienceSize,
          }),
        );
        await this.recordAudience(manager, profile);
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
      const profile = await manager
        .getRepository(SocialProfile)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.organisation_id = :organisationId AND p.member_id = :memberId AND p.id = :profileId', {
          organisationId: caller.organisationId,
          memberId: caller.memberId,
          profileId,
        })
        .getOne();
      if (!profile) throw new ProfileNotFoundError();
      const audienceChanged = body.audienceSize !== undefined && body.audienceSize !== profile.audienceSize;
      if (body.handle !== undefined) profile.handle = body.handle;
      if (body.audienceSize !== undefined) profile.audienceSize = body.audienceSize;
      const saved = await manager.getRepository(SocialProfile).save(profile);
      if (audienceChanged) await this.recordAudience(manager, saved);
      return toProfileDto(saved);
    });
  }

  async remove(caller: Caller, profileId: string): Promise<void> {
    const result = await this.dataSource.getRepository(SocialProfile).delete({
      organisationId: caller.organisationId,
      memberId: caller.memberId,
      id: profileId,
    });
    if (!result.affected) throw new ProfileNotFoundError();
  }

  private async recordAudience(manager: EntityManager, profile: SocialProfile): Promise<void> {
    await manager.getRepository(ProfileAudienceHistory).insert({
      organisationId: profile.organisationId,
      profileId: profile.id,
      audienceSize: profile.audienceSize,
    });
  }
}

export function toProfileDto(profile: SocialProfile): ProfileDto {
  return {
    id: profile.id,
    network: profile.network,
    handle: profile.handle,
    audienceSize: profile.audienceSize,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

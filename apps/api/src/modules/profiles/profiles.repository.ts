import type { NetworkId } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { ProfileAudienceHistory } from './entities/profile-audience-history.entity';
import { SocialProfile } from './entities/social-profile.entity';

export type NewProfile = Pick<
  SocialProfile,
  'organisationId' | 'memberId' | 'network' | 'handle' | 'audienceSize'
>;

/**
 * Every query of the profiles module. Methods that run inside a command's transaction take its
 * `EntityManager`; every query names the organisation. A member's own profile is read or locked
 * with the scoped helpers.
 */
@Injectable()
export class ProfilesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The member's profiles, by network. */
  ofMember(organisationId: string, memberId: string): Promise<SocialProfile[]> {
    return this.dataSource.getRepository(SocialProfile).find({
      where: { organisationId, memberId },
      order: { network: 'ASC' },
    });
  }

  /** Every audience size these profiles have had, oldest first. */
  audienceHistory(organisationId: string, profileIds: readonly string[]): Promise<ProfileAudienceHistory[]> {
    return this.dataSource.getRepository(ProfileAudienceHistory).find({
      where: { organisationId, profileId: In([...profileIds]) },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Whether the member has a profile on the network. */
  hasNetwork(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    network: NetworkId,
  ): Promise<boolean> {
    return manager.getRepository(SocialProfile).existsBy({ organisationId, memberId, network });
  }

  insert(manager: EntityManager, columns: NewProfile): Promise<SocialProfile> {
    const repo = manager.getRepository(SocialProfile);
    return repo.save(repo.create(columns));
  }

  /** Writes a loaded profile back; its generated columns (`updatedAt`) are refreshed on the row returned. */
  save(manager: EntityManager, profile: SocialProfile): Promise<SocialProfile> {
    return manager.getRepository(SocialProfile).save(profile);
  }

  /** Deletes the profile (its history goes with it, on delete cascade); false when it was already gone. */
  async delete(manager: EntityManager, organisationId: string, profileId: string): Promise<boolean> {
    const result = await manager.getRepository(SocialProfile).delete({ organisationId, id: profileId });
    return Boolean(result.affected);
  }

  /** Appends the profile's present audience size to its history. */
  async recordAudience(manager: EntityManager, profile: SocialProfile): Promise<void> {
    await manager.getRepository(ProfileAudienceHistory).insert({
      organisationId: profile.organisationId,
      profileId: profile.id,
      audienceSize: profile.audienceSize,
    });
  }

  /** Deletes the member's profiles and their audience history. */
  async deleteMember(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    const profiles = await manager
      .getRepository(SocialProfile)
      .find({ select: { id: true }, where: { organisationId, memberId } });
    if (!profiles.length) return;
    const ids = profiles.map((p) => p.id);
    // Explicit, not left to the cascade alone, so the erasure reads as what it removes.
    await manager.getRepository(ProfileAudienceHistory).delete({ organisationId, profileId: In(ids) });
    await manager.getRepository(SocialProfile).delete({ organisationId, id: In(ids) });
  }
}

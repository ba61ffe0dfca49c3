import { NO_NETWORK } from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { callerSnapshot } from '../../infra/http/request-context';
import { Member } from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Team } from '../organisations/entities/team.entity';
import { TrainingCompletion } from './entities/training-completion.entity';
import { TrainingModule } from './entities/training-module.entity';

export type NewCompletion = Pick<
  TrainingCompletion,
  | 'organisationId'
  | 'memberId'
  | 'moduleId'
  | 'kind'
  | 'version'
  | 'passed'
  | 'score'
  | 'answers'
  | 'completedAt'
>;

export type ComplianceMember = Pick<Member, 'id' | 'name' | 'email' | 'kind' | 'teamId'>;

/** A completion as the training rules read it. */
export type CompletionRow = Pick<
  TrainingCompletion,
  'memberId' | 'moduleId' | 'version' | 'passed' | 'completedAt'
>;

/** Members' attempts and acceptances, the training points they earn, and what compliance reads. */
@Injectable()
export class TrainingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation's default locale; null when there is no such organisation. */
  async defaultLocale(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const snapshot = manager === this.dataSource.manager ? callerSnapshot(organisationId) : undefined;
    if (snapshot) return snapshot.organisation.defaultLocale;
    const organisation = await manager
      .getRepository(Organisation)
      .findOne({ where: { id: organisationId }, select: { id: true, defaultLocale: true } });
    return organisation?.defaultLocale ?? null;
  }

  insertCompletion(manager: EntityManager, completion: NewCompletion): Promise<TrainingCompletion> {
    const repo = manager.getRepository(TrainingCompletion);
    return repo.save(repo.create(completion));
  }

  /**
   * Whether the member has passed any version of this module, after taking a transaction-scoped lock
   * on (member, module), so two passes sent at once cannot both see none.
   */
  async lockAndHasPassed(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    moduleId: string,
  ): Promise<boolean> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `training.pass:${memberId}:${moduleId}`,
    ]);
    const [earlier] = (await manager.query(
      `SELECT 1 FROM training_completions
        WHERE organisation_id = $1 AND member_id = $2 AND module_id = $3 AND passed
        LIMIT 1`,
      [organisationId, memberId, moduleId],
    )) as unknown[];
    return earlier !== undefined;
  }

  /** The member's completions with their modules, newest first. */
  completionsOf(organisationId: string, memberId: string): Promise<TrainingCompletion[]> {
    return this.dataSource.getRepository(TrainingCompletion).find({
      where: { organisationId, memberId },
      relations: { module: true },
      order: { completedAt: 'DESC', id: 'DESC' },
    });
  }

  async deleteCompletionsOf(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    await manager.getRepository(TrainingCompletion).delete({ organisationId, memberId });
  }

  /** The organisation's settings column; undefined when there is no such organisation. */
  async organisationSettings(
    manager: EntityManager,
    organisationId: string,
  ): Promise<{ settings: unknown } | undefined> {
    const [organisation] = (await manager.query(`SELECT settings FROM organisations WHERE id = $1`, [
      organisationId,
    ])) as { settings: unknown }[];
    return organisation;
  }

  /** Adds points to the member's `NO_NETWORK` rollup row of the instant's day in the organisation's time zone. */
  async addTrainingPoints(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
    at: Date,
    points: number,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO daily_stats AS d (organisation_id, member_id, day, network, points)
       SELECT o.id, $2, ($3::timestamptz AT TIME ZONE o.timezone)::date, $4, $5 FROM organisations o WHERE o.id = $1
       ON CONFLICT (organisation_id, member_id, day, network) DO UPDATE SET points = d.points + excluded.points`,
      [organisationId, memberId, at.toISOString(), NO_NETWORK, points],
    );
  }

  /** Deletes the member's `NO_NETWORK` rollup rows (training and accepted suggestions' points). */
  async deleteTrainingPoints(
    manager: EntityManager,
    organisationId: string,
    memberId: string,
  ): Promise<void> {
    await manager.query(
      `DELETE FROM daily_stats WHERE organisation_id = $1 AND member_id = $2 AND network = $3`,
      [organisationId, memberId, NO_NETWORK],
    );
  }

  teams(organisationId: string): Promise<Pick<Team, 'id' | 'name'>[]> {
    return this.dataSource
      .getRepository(Team)
      .find({ where: { organisationId }, select: { id: true, name: true } });
  }

  /** Up to `limit` active advocates with ids after `after`, by id. */
  activeAdvocates(organisationId: string, after: string | null, limit: number): Promise<ComplianceMember[]> {
    const qb = this.dataSource
      .getRepository(Member)
      .createQueryBuilder('m')
      .select(['m.id', 'm.name', 'm.email', 'm.kind', 'm.teamId'])
      .where('m.organisation_id = :organisationId', { organisationId })
      .andWhere("m.status = 'active'")
      .andWhere("'advocate' = ANY(m.roles)");
    if (after) qb.andWhere('m.id > :after', { after });
    return qb.orderBy('m.id', 'ASC').limit(limit).getMany();
  }
}

/**
 * The organisation's modules that have a published version, in creation order. A function, not a
 * method: the catalogue (`training-catalogue.ts`) runs it on whatever manager its caller holds.
 */
export function findPublishedModules(
  manager: EntityManager,
  organisationId: string,
): Promise<TrainingModule[]> {
  return manager.getRepository(TrainingModule).find({
    where: { organisationId, published: Not(IsNull()) },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

/** Every completion of these members on these modules (ask with at least one of each). */
export function findCompletions(
  manager: EntityManager,
  organisationId: string,
  memberIds: readonly string[],
  moduleIds: readonly string[],
): Promise<CompletionRow[]> {
  return manager.getRepository(TrainingCompletion).find({
    select: { memberId: true, moduleId: true, version: true, passed: true, completedAt: true },
    where: { organisationId, memberId: In([...memberIds]), moduleId: In([...moduleIds]) },
  });
}

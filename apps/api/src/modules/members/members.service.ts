import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { findScopedOr404 } from '../../infra/database/scoped-lookup';
import { NotFoundError } from '../../infra/http/app-error';
import { callerSnapshot, type CallerSnapshot } from '../../infra/http/request-context';
import type { MeDto } from './dto/me.dto';
import { Member, type Locale } from './entities/member.entity';

const memberNotFound = () => new NotFoundError('member.not_found');

@Injectable()
export class MembersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async me(organisationId: string, memberId: string): Promise<MeDto> {
    // What the auth guard read for this request answers without another query.
    const snapshot = callerSnapshot(organisationId, memberId);
    if (snapshot) return meFromSnapshot(snapshot);
    const { manager } = this.dataSource;
    const member = await findScopedOr404(manager, Member, organisationId, memberId, memberNotFound, {
      relations: { organisation: true },
    });
    return toMeDto(member, await twoStepOf(manager, member));
  }

  /** Saves the member's language; the answer is the member as `GET /api/me` shows them. */
  async setLocale(organisationId: string, memberId: string, locale: Locale): Promise<MeDto> {
    return this.dataSource.transaction(async (manager) => {
      const member = await findScopedOr404(manager, Member, organisationId, memberId, memberNotFound, {
        relations: { organisation: true },
      });
      if (member.locale !== locale)
        await manager.update(Member, { id: member.id, organisationId }, { locale });
      return toMeDto({ ...member, locale } as Member, await twoStepOf(manager, member));
    });
  }
}

/** Whether the member uses two-step sign-in, and whether their organisation requires it of them. */
async function twoStepOf(manager: EntityManager, member: Member): Promise<MeDto['twoStep']> {
  const rows: { enabled: boolean }[] = await manager.query(
    'SELECT enabled_at IS NOT NULL AS enabled FROM member_two_step WHERE member_id = $1',
    [member.id],
  );
  const settings = member.organisation?.settings ?? {};
  return {
    enabled: rows[0]?.enabled === true,
    required: member.roles.includes('admin') && settings.requireTwoStepForAdmins === true,
  };
}

function meFromSnapshot({ memberId, organisationId, member, organisation }: CallerSnapshot): MeDto {
  const settings = organisation.settings as { requireTwoStepForAdmins?: unknown } | null;
  return {
    id: memberId,
    email: member.email,
    name: member.name,
    roles: [...member.roles] as MeDto['roles'],
    kind: member.kind,
    locale: member.locale as MeDto['locale'],
    organisation: { id: organisationId, name: organisation.name, slug: organisation.slug },
    twoStep: {
      enabled: member.twoStepEnabled,
      required: member.roles.includes('admin') && settings?.requireTwoStepForAdmins === true,
    },
  };
}

export function toMeDto(member: Member, twoStep: MeDto['twoStep']): MeDto {
  if (!member.organisation) throw new Error('member.organisation must be loaded');
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    roles: member.roles,
    kind: member.kind,
    locale: member.locale,
    organisation: {
      id: member.organisation.id,
      name: member.organisation.name,
      slug: member.organisation.slug,
    },
    twoStep,
  };
}

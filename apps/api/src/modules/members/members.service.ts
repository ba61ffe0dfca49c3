import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { findScopedOr404 } from '../../infra/database/scoped-lookup';
import { NotFoundError } from '../../infra/http/app-error';
import type { MeDto } from './dto/me.dto';
import { Member, type Locale } from './entities/member.entity';

const memberNotFound = () => new NotFoundError('member.not_found');

@Injectable()
export class MembersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async me(organisationId: string, memberId: string): Promise<MeDto> {
    const { manager } = this.dataSource;
    const member = await findScopedOr404(manager, Member, organisationId, memberId, memberNotFound, {
      relations: { organisation: true },
    });
    return toMeDto(member);
  }

  /** Saves the member's language; the answer is the member as `GET /api/me` shows them. */
  async setLocale(organisationId: string, memberId: string, locale: Locale): Promise<MeDto> {
    return this.dataSource.transaction(async (manager) => {
      const member = await findScopedOr404(manager, Member, organisationId, memberId, memberNotFound, {
        relations: { organisation: true },
      });
      if (member.locale !== locale)
        await manager.update(Member, { id: member.id, organisationId }, { locale });
      return toMeDto({ ...member, locale } as Member);
    });
  }
}

export function toMeDto(member: Member): MeDto {
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
  };
}

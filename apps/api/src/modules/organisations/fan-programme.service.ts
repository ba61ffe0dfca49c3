import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AuditService } from '../audit/audit.service';
import type { Locale } from '../members/entities/member.entity';
import type { FanProgrammeDto } from './dto/fan-programme.dto';
import type { FanProgramme } from './entities/fan-programme.entity';
import { mergeSettings } from './organisation-settings.defaults';
import { OrganisationSettingsService } from './organisation-settings.service';
import { JoinClosedOrUnknownError } from './organisations.errors';
import { OrganisationsRepository } from './organisations.repository';

/** 12 random bytes: 16 URL-safe characters, not guessable. */
const newJoinCode = () => randomBytes(12).toString('base64url');
const JOIN_CODE = /^[A-Za-z0-9_-]{8,64}$/;

export interface OpenFanProgramme {
  readonly organisationId: string;
  readonly organisationName: string;
  readonly defaultLocale: Locale;
}

@Injectable()
export class FanProgrammeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: OrganisationSettingsService,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsRepository,
  ) {}

  async view(organisationId: string): Promise<FanProgrammeDto> {
    return this.dataSource.transaction(async (manager) => this.toDto(organisationId, manager));
  }

  async setOpen(organisationId: string, actorId: string, open: boolean): Promise<FanProgrammeDto> {
    return this.dataSource.transaction(async (manager) => {
      if (await this.settings.setFanProgrammeOpen(organisationId, open, manager)) {
        await this.audit.record(
          {
            organisationId,
            actorId,
            action: open ? 'fan_programme.opened' : 'fan_programme.closed',
            target: { type: 'organisation', id: organisationId },
          },
          manager,
        );
      }
      return this.toDto(organisationId, manager);
    });
  }

  /** A new code; the old link stops working at once. */
  async rotate(organisationId: string, actorId: string): Promise<FanProgrammeDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.ensure(organisationId, manager);
      await this.organisations.setJoinCode(manager, organisationId, newJoinCode(), new Date());
      await this.audit.record(
        {
          organisationId,
          actorId,
          action: 'fan_programme.code_rotated',
          target: { type: 'organisation', id: organisationId },
        },
        manager,
      );
      return this.toDto(organisationId, manager);
    });
  }

  /** The organisation behind an open join code; closed and unknown codes fail alike. */
  async findOpen(code: string, manager?: EntityManager): Promise<OpenFanProgramme> {
    if (!JOIN_CODE.test(code)) throw new JoinClosedOrUnknownError();
    const row = await this.organisations.findByJoinCode(code, manager);
    if (!row || !mergeSettings(row.settings).fanProgrammeOpen) throw new JoinClosedOrUnknownError();
    return { organisationId: row.id, organisationName: row.name, defaultLocale: row.defaultLocale as Locale };
  }

  private async toDto(organisationId: string, manager: EntityManager): Promise<FanProgrammeDto> {
    const programme = await this.ensure(organisationId, manager);
    const settings = await this.settings.get(organisationId, manager);
    return {
      open: settings.fanProgrammeOpen,
      joinCode: programme.joinCode,
      joinUrl: `${this.config.publicUrl}/join/${programme.joinCode}`,
    };
  }

  /** Made on first use, so organisations created anywhere (seed, tests, later sign-up) get one. */
  private ensure(organisationId: string, manager: EntityManager): Promise<FanProgramme> {
    return this.organisations.ensureFanProgramme(manager, organisationId, newJoinCode());
  }
}

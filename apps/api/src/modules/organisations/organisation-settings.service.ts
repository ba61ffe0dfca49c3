import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { callerSnapshot } from '../../infra/http/request-context';
import { AuditService } from '../audit/audit.service';
import type { Locale } from '../members/entities/member.entity';
import type {
  DisclosureRuleDto,
  OrganisationSettingsDto,
  UpdateOrganisationSettingsDto,
} from './dto/organisation-settings.dto';
import type { Organisation } from './entities/organisation.entity';
import {
  mergeSettings,
  type DisclosureRule,
  type OrganisationSettings,
} from './organisation-settings.defaults';
import { OrganisationNotFoundError, StaleSettingsError } from './organisations.errors';
import { OrganisationsRepository } from './organisations.repository';

@Injectable()
export class OrganisationSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsRepository,
  ) {}

  /**
   * The organisation's rules: defaults merged with what it stored. Every capability reads them here.
   * Outside a transaction, a request of the organisation's signed-in member reads them from what its
   * auth check read (`callerSnapshot`), merged once per request.
   */
  async get(organisationId: string, manager?: EntityManager): Promise<OrganisationSettings> {
    if (!manager || manager === this.dataSource.manager) {
      const snapshot = callerSnapshot(organisationId);
      if (snapshot)
        return (snapshot.merged ??= mergeSettings(snapshot.organisation.settings)) as OrganisationSettings;
    }
    const organisation = await this.organisations.findSettings(organisationId, manager);
    if (!organisation) throw new OrganisationNotFoundError();
    return mergeSettings(organisation.settings);
  }

  async view(organisationId: string): Promise<OrganisationSettingsDto> {
    const organisation = await this.organisations.find(organisationId);
    if (!organisation) throw new OrganisationNotFoundError();
    return toSettingsDto(organisation);
  }

  /** Replaces the settings when `version` is current; a stale version answers 409 with the current state. */
  async update(
    organisationId: string,
    actorId: string,
    change: UpdateOrganisationSettingsDto,
  ): Promise<OrganisationSettingsDto> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.organisations.lock(manager, organisationId);
      if (!current) throw new OrganisationNotFoundError();
      if (current.version !== change.version) throw new StaleSettingsError(toSettingsDto(current));
      const before = toSettingsDto(current);
      const stored = mergeSettings(current.settings);
      const settings = mergeSettings({
        ...change.settings,
        // Settings a client of before them leaves out keep their stored values.
        dailyCreditedShares: change.settings.dailyCreditedShares ?? stored.dailyCreditedShares,
        audienceCeiling: change.settings.audienceCeiling ?? stored.audienceCeiling,
        fanBoard: change.settings.fanBoard ?? stored.fanBoard,
        fanSuggestions: change.settings.fanSuggestions ?? stored.fanSuggestions,
        dailySuggestions: change.settings.dailySuggestions ?? stored.dailySuggestions,
        unverifiedSharePolicy: change.settings.unverifiedSharePolicy ?? stored.unverifiedSharePolicy,
        postForMe: change.settings.postForMe ?? stored.postForMe,
        points: {
          ...change.settings.points,
          suggestionAccepted: change.settings.points.suggestionAccepted ?? stored.points.suggestionAccepted,
        },
        disclosure: disclosureChange(change.settings.disclosure, before.settings.disclosure),
        // Clients of before this setting leave it out: it keeps its value.
        requireTwoStepForAdmins:
          change.settings.requireTwoStepForAdmins ?? before.settings.requireTwoStepForAdmins ?? false,
      });
      current.name = change.name;
      current.timezone = change.timezone;
      current.defaultLocale = change.defaultLocale;
      current.settings = { ...settings };
      const saved = await this.organisations.save(manager, current);
      const after = toSettingsDto(saved);
      await this.audit.record(
        {
          organisationId,
          actorId,
          action: 'organisation.settings_changed',
          target: { type: 'organisation', id: organisationId },
          details: { changed: changedFields(before, after), version: saved.version },
        },
        manager,
      );
      return after;
    });
  }

  /** Sets one setting without a version check (a toggle the admin may repeat); bumps the version. */
  async setFanProgrammeOpen(organisationId: string, open: boolean, manager: EntityManager): Promise<boolean> {
    const current = await this.organisations.lock(manager, organisationId);
    if (!current) throw new OrganisationNotFoundError();
    const changed = mergeSettings(current.settings).fanProgrammeOpen !== open;
    if (changed) {
      current.settings = { ...current.settings, fanProgrammeOpen: open };
      await this.organisations.save(manager, current);
    }
    return changed;
  }
}

/**
 * The disclosures a change sets. A client of before disclosures per kind sends `hashtag` (the
 * employees'), perhaps beside the `employee` it read back unchanged: the one that differs from the
 * stored value is the edit. A kind it leaves out keeps its stored disclosure.
 */
function disclosureChange(change: DisclosureRuleDto, stored: DisclosureRule): DisclosureRule {
  const { hashtag, ...rule } = change;
  const employee =
    hashtag !== undefined && (change.employee === undefined || change.employee === stored.employee)
      ? hashtag
      : (change.employee ?? stored.employee);
  return { required: rule.required, employee, fan: change.fan ?? stored.fan };
}

export function toSettingsDto(organisation: Organisation): OrganisationSettingsDto {
  const settings = mergeSettings(organisation.settings);
  return {
    name: organisation.name,
    timezone: organisation.timezone,
    defaultLocale: organisation.defaultLocale as Locale,
    // `hashtag`: the employees' disclosure, for clients of before disclosures per kind.
    settings: { ...settings, disclosure: { ...settings.disclosure, hashtag: settings.disclosure.employee } },
    version: organisation.version,
    updatedAt: organisation.updatedAt.toISOString(),
  };
}

/** Dotted names of what differs (`settings.points`, `timezone`), for the audit log; never the values. */
function changedFields(before: OrganisationSettingsDto, after: OrganisationSettingsDto): string[] {
  const changed: string[] = [];
  for (const key of ['name', 'timezone', 'defaultLocale'] as const) {
    if (before[key] !== after[key]) changed.push(key);
  }
  for (const key of Object.keys(after.settings) as (keyof OrganisationSettings)[]) {
    if (!isDeepStrictEqual(before.settings[key], after.settings[key])) changed.push(`settings.${key}`);
  }
  return changed;
}

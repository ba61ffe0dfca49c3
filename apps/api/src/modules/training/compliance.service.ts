import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type TrainingReadiness, trainingReadiness } from '@heimo/domain';
import { DataSource } from 'typeorm';
import { OrganisationSettingsService } from '../organisations/organisation-settings.service';
import type {
  BlockingModuleDto,
  ComplianceDto,
  ComplianceGroupDto,
  LapsedTrainingDto,
} from './dto/compliance.dto';
import {
  gatingModulesFor,
  loadCompletions,
  loadPublishedModules,
  type PublishedModule,
} from './training-catalogue';
import { pickLocale } from './training-content';
import { type ComplianceMember, TrainingRepository } from './training.repository';

const BATCH = 500;
export const MAX_LAPSED_ROWS = 500;

interface MemberRow {
  readonly member: ComplianceMember;
  readonly readiness: TrainingReadiness;
}

/** Training compliance over the organisation's active advocates, read in batches so neither answer holds everyone. */
@Injectable()
export class ComplianceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: OrganisationSettingsService,
    private readonly training: TrainingRepository,
  ) {}

  async overview(organisationId: string, now = new Date()): Promise<ComplianceDto> {
    const { modules, titles } = await this.catalogue(organisationId);
    const teams = await this.training.teams(organisationId);
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    const overall = newGroup();
    const byTeam = new Map<string | null, ReturnType<typeof newGroup>>();
    const perModule = new Map(
      modules.map((m) => [
        m.moduleId,
        { requiredOf: 0, passed: 0, not_started: 0, failed: 0, expired: 0, outdated: 0 },
      ]),
    );
    const lapsed: LapsedTrainingDto[] = [];
    let lapsedTotal = 0;
    for await (const { member, readiness } of this.rows(organisationId, modules, now)) {
      const team = byTeam.get(member.teamId) ?? newGroup();
      byTeam.set(member.teamId, team);
      for (const group of [overall, team]) count(group, readiness);
      for (const status of readiness.modules) {
        const tally = perModule.get(status.moduleId);
        if (!tally) continue;
        tally.requiredOf += 1;
        tally[status.status] += 1;
        if (status.status === 'expired' || status.status === 'outdated') {
          lapsedTotal += 1;
          if (lapsed.length < MAX_LAPSED_ROWS)
            lapsed.push({
              memberId: member.id,
              name: member.name,
              teamId: member.teamId,
              moduleId: status.moduleId,
              moduleTitle: titles.get(status.moduleId) ?? '',
              status: status.status,
              passedAt: status.passedAt?.toISOString() ?? null,
            });
        }
      }
    }
    const summary = (group: ReturnType<typeof newGroup>): ComplianceGroupDto => ({
      ready: group.ready,
      total: group.total,
      topBlockingModule: topBlocking(group.blocked, titles),
    });
    return {
      generatedAt: now.toISOString(),
      overall: summary(overall),
      teams: [...byTeam.entries()]
        .map(([teamId, group]) => ({
          teamId,
          teamName: teamId ? (teamName.get(teamId) ?? null) : null,
          ...summary(group),
        }))
        .sort((a, b) =>
          a.teamName === null ? 1 : b.teamName === null ? -1 : a.teamName.localeCompare(b.teamName),
        ),
      modules: [...perModule.entries()]
        .map(([moduleId, t]) => ({
          moduleId,
          title: titles.get(moduleId) ?? '',
          blocked: t.requiredOf - t.passed,
          requiredOf: t.requiredOf,
          passed: t.passed,
          notStarted: t.not_started,
          failed: t.failed,
          expired: t.expired,
          outdated: t.outdated,
        }))
        .sort((a, b) => b.blocked - a.blocked || a.title.localeCompare(b.title)),
      lapsed: lapsed.sort(
        (a, b) => a.name.localeCompare(b.name) || a.moduleTitle.localeCompare(b.moduleTitle),
      ),
      lapsedTotal,
    };
  }

  /** One CSV line per (member, required module), or one per member with none; yielded batch by batch. */
  async *csv(organisationId: string, now = new Date()): AsyncGenerator<string> {
    const { modules, titles } = await this.catalogue(organisationId);
    const teams = await this.training.teams(organisationId);
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    yield csvLine([
      'member_id',
      'name',
      'email',
      'kind',
      'team',
      'may_share',
      'module_id',
      'module_title',
      'status',
      'completed_version',
      'valid_until',
    ]);
    for await (const { member, readiness } of this.rows(organisationId, modules, now)) {
      const base = [
        member.id,
        member.name,
        member.email,
        member.kind,
        member.teamId ? (teamName.get(member.teamId) ?? '') : '',
        String(readiness.mayShare),
      ];
      if (!readiness.modules.length) yield csvLine([...base, '', '', '', '', '']);
      for (const status of readiness.modules)
        yield csvLine([
          ...base,
          status.moduleId,
          titles.get(status.moduleId) ?? '',
          status.status,
          status.completedVersion === null ? '' : String(status.completedVersion),
          status.validUntil?.toISOString() ?? '',
        ]);
    }
  }

  private async catalogue(organisationId: string) {
    const settings = await this.settings.get(organisationId);
    const defaultLocale = await this.training.defaultLocale(organisationId);
    const modules = (await loadPublishedModules(this.dataSource.manager, organisationId, settings)).filter(
      (m) => m.gate,
    );
    const titles = new Map(
      modules.map((m) => [m.moduleId, m.content.title[pickLocale(m.content, [defaultLocale ?? 'en'])] ?? '']),
    );
    return { modules, titles };
  }

  /** Active advocates by id, a batch at a time, each with their readiness at `now`. */
  private async *rows(
    organisationId: string,
    modules: readonly PublishedModule[],
    now: Date,
  ): AsyncGenerator<MemberRow> {
    let after: string | null = null;
    for (;;) {
      const members = await this.training.activeAdvocates(organisationId, after, BATCH);
      if (!members.length) return;
      const completions = await loadCompletions(
        this.dataSource.manager,
        organisationId,
        members.map((m) => m.id),
        modules.map((m) => m.moduleId),
      );
      for (const member of members) {
        const required = gatingModulesFor(member, modules);
        yield {
          member,
          readiness: trainingReadiness({ required, completions: completions.get(member.id) ?? [], now }),
        };
      }
      const last = members[members.length - 1];
      if (members.length < BATCH || !last) return;
      after = last.id;
    }
  }
}

function newGroup() {
  return { ready: 0, total: 0, blocked: new Map<string, number>() };
}

function count(group: ReturnType<typeof newGroup>, readiness: TrainingReadiness): void {
  group.total += 1;
  if (readiness.mayShare) group.ready += 1;
  for (const block of readiness.blocking)
    group.blocked.set(block.moduleId, (group.blocked.get(block.moduleId) ?? 0) + 1);
}

function topBlocking(blocked: Map<string, number>, titles: Map<string, string>): BlockingModuleDto | null {
  let top: BlockingModuleDto | null = null;
  for (const [moduleId, n] of blocked) {
    const title = titles.get(moduleId) ?? '';
    if (!top || n > top.blocked || (n === top.blocked && title.localeCompare(top.title) < 0))
      top = { moduleId, title, blocked: n };
  }
  return top;
}

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
export function csvLine(cells: readonly string[]): string {
  return (
    cells
      .map((cell) => {
        const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
        return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
      })
      .join(',') + '\r\n'
  );
}

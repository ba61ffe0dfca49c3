import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendCsv } from '../../../infra/http/csv';
import type { Caller } from '../../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles, TokenScope } from '../../../infra/http/access.decorators';
import { dashboardCsvTable } from './dashboard-csv';
import { DashboardService } from './dashboard.service';
import { DashboardCsvQueryDto, DashboardQueryDto } from './dto/dashboard-query.dto';
import { DashboardDto } from './dto/dashboard.dto';

const FILTER_ERRORS =
  'A bad filter (code `validation.failed`); each error names its field: `period`, `network`, `kind`, ' +
  '`granularity` (not one of the listed values), `from`/`to` (not a calendar day; one without the other; ' +
  '`from` after `to`; more than 366 days), `period` with `from`/`to`, a malformed `team`, an unknown ' +
  'parameter; `team` with `team.not_found` for a team not of this organisation';

@ApiTags('insights')
@Authenticated()
@Roles('leader')
@Controller('insights')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get('dashboard')
  @TokenScope('insights:read')
  @ApiOperation({
    summary: 'The leader dashboard: KPIs against the previous window, a series and breakdowns',
    description:
      'Roles: leader; API token scope `insights:read`. Read from the daily rollups, in the organisation’s time zone: the current week, month ' +
      '(default), quarter or year to date, or `from`–`to`, compared with as many days just before. Only ' +
      'active members count; `team`, `network` and `kind` narrow everything. Members who opted out of the ' +
      'leaderboards are anonymous in `topAdvocates`. Organisations with 2,000 or more active members are ' +
      'answered from a copy up to 30 seconds old (`asOf`).',
  })
  @ApiOkResponse({ type: DashboardDto })
  @ApiBadRequestResponse({ description: `${FILTER_ERRORS}.` })
  dashboard(@CurrentCaller() caller: Caller, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboards.dashboard(caller, query);
  }

  @Get('dashboard.csv')
  @TokenScope('insights:read')
  @ApiOperation({
    summary: 'One table of the leader dashboard as CSV',
    description:
      'Roles: leader; API token scope `insights:read`. The same filters as the dashboard and `table`: `series`, `networks`, `teams`, ' +
      '`locales`, `packs` or `advocates`; the rows of that table of the JSON answer, with a header row in ' +
      'snake_case. Text that a spreadsheet would run as a formula is prefixed with an apostrophe.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv (UTF-8 with a byte-order mark).', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: `${FILTER_ERRORS}; \`table\` not one of the listed values.` })
  async csv(
    @CurrentCaller() caller: Caller,
    @Query() query: DashboardCsvQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { table, ...filters } = query;
    const dashboard = await this.dashboards.dashboard(caller, filters);
    const { header, rows } = dashboardCsvTable(dashboard, table);
    await sendCsv(
      res,
      `heimo-dashboard-${table}-${dashboard.window.from}-${dashboard.window.to}.csv`,
      header,
      rows,
    );
  }
}

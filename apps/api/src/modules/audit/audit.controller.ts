import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles, TokenScope } from '../../infra/http/access.decorators';
import { AuditService } from './audit.service';
import { AuditEventPageDto, ListAuditEventsQueryDto } from './dto/audit-event.dto';

@ApiTags('audit')
@Authenticated()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @TokenScope('audit:read')
  @ApiOperation({
    summary: 'The organisation’s audit log, newest first',
    description:
      'Roles: admin; API token scope `audit:read`. Each event names its actor and subject (an erased member by that fact alone) and the teams and members its details refer to. ' +
      'Sign-ins are left out unless `includeSignIns=true` or `action` names one. Filter by `action` and `actorId`; keyset pagination with `cursor`.',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiBadRequestResponse({
    description: 'A filter, limit or cursor is malformed (code `validation.failed`).',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    return this.audit.list(caller.organisationId, caller.memberId, query);
  }
}

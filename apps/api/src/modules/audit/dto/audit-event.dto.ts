import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditAction, type AuditTargetType } from '@heimo/domain';
import { PageQueryDto } from '../../../infra/http/keyset-page';
import { PageDto } from '../../../infra/http/page.dto';

export class ListAuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only events this member did.' })
  @IsOptional()
  @IsUUID('all')
  actorId?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  action!: AuditAction;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Aada Admin' })
  actorName!: string | null;

  @ApiProperty({ type: String, enum: AUDIT_TARGET_TYPES, enumName: 'AuditTargetType', nullable: true })
  targetType!: AuditTargetType | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  targetId!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { from: ['advocate'], to: ['curator'] },
  })
  details!: Record<string, unknown>;

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class AuditEventPageDto extends PageDto(AuditEventDto) {}

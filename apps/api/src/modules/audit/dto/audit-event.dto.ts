import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
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

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Include sign-ins (`auth.*`), which the log leaves out by default; filtering on a sign-in `action` includes them too.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeSignIns?: boolean;
}

/** A member as the log names them: their current name and address, or neither once erased. */
export class AuditMemberDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Aada Admin', description: 'Null once erased.' })
  name!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'admin@demo.heimo.test',
    description: 'Null once erased.',
  })
  email!: string | null;

  @ApiProperty({ description: 'The member was erased: the log shows “erased member”.' })
  erased!: boolean;
}

/** What the event acted on, by its current name where it still exists. */
export class AuditSubjectDto {
  @ApiProperty({ enum: AUDIT_TARGET_TYPES, enumName: 'AuditTargetType' })
  type!: AuditTargetType;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Spring launch',
    description:
      'A member’s, team’s, feed’s or organisation’s name, a pack’s title, a training module’s title in the reader’s language; null when it is gone or erased.',
  })
  name!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A member’s address; null otherwise or once erased.',
  })
  email!: string | null;

  @ApiProperty({ description: 'The subject is an erased member.' })
  erased!: boolean;
}

/** A team or member that the details name by id. */
export class AuditReferenceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['team', 'member'] })
  type!: 'team' | 'member';

  @ApiProperty({ type: String, nullable: true, example: 'Sales', description: 'Null for an erased member.' })
  name!: string | null;

  @ApiProperty()
  erased!: boolean;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  action!: AuditAction;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Aada Admin',
    description: 'Null for the system and for an erased member.',
  })
  actorName!: string | null;

  @ApiProperty({
    type: AuditMemberDto,
    nullable: true,
    description: 'Who did it; null for the system or an anonymous caller.',
  })
  actor!: AuditMemberDto | null;

  @ApiProperty({ type: AuditSubjectDto, nullable: true, description: 'Whom or what it was done to.' })
  subject!: AuditSubjectDto | null;

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

  @ApiProperty({
    type: AuditReferenceDto,
    isArray: true,
    description:
      'The teams and members that `details` names by id (a team’s from/to, an inviter), where they still exist.',
  })
  references!: AuditReferenceDto[];

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class AuditEventPageDto extends PageDto(AuditEventDto) {}

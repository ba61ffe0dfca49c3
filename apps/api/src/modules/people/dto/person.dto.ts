import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import {
  LOCALES,
  MEMBER_KINDS,
  MEMBER_MANAGERS,
  type MemberManager,
  MEMBER_STATUSES,
  ROLES,
  type Locale,
  type MemberKind,
  type MemberStatus,
  type Role,
} from '../../members/entities/member.entity';
import { PageQueryDto } from '../../../infra/http/keyset-page';
import { PageDto } from '../../../infra/http/page.dto';

export class PendingInvitationDto {
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ description: 'The link no longer works; invite again for a new one.' })
  expired!: boolean;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'aino@example.com' })
  email!: string;

  @ApiProperty({ example: 'Aino Advocate', description: 'Empty for an invitee who has not accepted yet.' })
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, enumName: 'Role' })
  roles!: Role[];

  @ApiProperty({ enum: MEMBER_KINDS, enumName: 'MemberKind' })
  kind!: MemberKind;

  @ApiProperty({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' })
  status!: MemberStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sales' })
  teamName!: string | null;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  locale!: Locale;

  @ApiProperty({
    enum: MEMBER_MANAGERS,
    enumName: 'MemberManager',
    nullable: true,
    description:
      'Where the name, e-mail and status are kept when not in Heimo: `scim` (the identity provider provisions ' +
      'the member) or `sso` (created at a single sign-on). Changing the status of such a member answers 409 `member.managed`.',
  })
  managedBy!: MemberManager | null;

  @ApiProperty({ type: PendingInvitationDto, nullable: true })
  invitation!: PendingInvitationDto | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ example: 2, description: 'Send it back with the next PATCH (optimistic locking).' })
  version!: number;
}

export class PersonPageDto extends PageDto(PersonDto) {}

export class ListPeopleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name or e-mail address (ignoring case).', maxLength: 100 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: MEMBER_STATUSES, enumName: 'MemberStatus' })
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: MemberStatus;

  @ApiPropertyOptional({ enum: MEMBER_KINDS, enumName: 'MemberKind' })
  @IsOptional()
  @IsIn(MEMBER_KINDS)
  kind?: MemberKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  teamId?: string;
}

export const CHANGEABLE_STATUSES = ['active', 'deactivated'] as const;

export class UpdatePersonDto {
  @ApiProperty({ example: 2, description: 'The version this change was made against.' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, enumName: 'Role' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null removes the team.',
  })
  @IsOptional()
  @IsUUID('all')
  teamId?: string | null;

  @ApiPropertyOptional({
    enum: CHANGEABLE_STATUSES,
    description: '`deactivated` ends every session of the member at once.',
  })
  @IsOptional()
  @IsIn(CHANGEABLE_STATUSES)
  status?: (typeof CHANGEABLE_STATUSES)[number];

  @ApiPropertyOptional({ enum: MEMBER_KINDS, enumName: 'MemberKind' })
  @IsOptional()
  @IsIn(MEMBER_KINDS)
  kind?: MemberKind;
}

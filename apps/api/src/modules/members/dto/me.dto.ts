import { ApiProperty } from '@nestjs/swagger';
import {
  LOCALES,
  MEMBER_KINDS,
  ROLES,
  type Locale,
  type MemberKind,
  type Role,
} from '../entities/member.entity';

export class OrganisationSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Demo' })
  name!: string;

  @ApiProperty({ example: 'demo' })
  slug!: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'advocate@demo.heimo.test' })
  email!: string;

  @ApiProperty({ example: 'Aino Advocate' })
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, enumName: 'Role' })
  roles!: Role[];

  @ApiProperty({ enum: MEMBER_KINDS, enumName: 'MemberKind' })
  kind!: MemberKind;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  locale!: Locale;

  @ApiProperty({ type: OrganisationSummaryDto })
  organisation!: OrganisationSummaryDto;
}

export class SessionDto {
  @ApiProperty({ type: MeDto })
  member!: MeDto;
}

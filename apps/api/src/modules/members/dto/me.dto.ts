import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
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

export class MeTwoStepDto {
  @ApiProperty({
    description: 'The member signs in with a code from an authenticator app after the password.',
  })
  enabled!: boolean;

  @ApiProperty({
    description:
      'The organisation requires it of this member (an admin). Required and not enabled: every route but the ' +
      'member’s own profile (`/api/me…`) answers 403 `auth.two_step_required` until it is on.',
  })
  required!: boolean;
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

  @ApiProperty({ type: MeTwoStepDto })
  twoStep!: MeTwoStepDto;
}

export class SessionDto {
  @ApiProperty({ type: MeDto })
  member!: MeDto;
}

/** The member's language: the web client, e-mails and every later message use it. */
export class MemberLocaleDto {
  @ApiProperty({ enum: LOCALES, enumName: 'Locale', example: 'fi' })
  @IsIn(LOCALES)
  locale!: Locale;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  LOCALES,
  MEMBER_KINDS,
  ROLES,
  type Locale,
  type MemberKind,
  type Role,
} from '../../members/entities/member.entity';
import { IsPlainName } from '../../organisations/dto/plain-name';
import { IsAccountEmail } from './account-email';
import { PersonDto } from './person.dto';

export const MAX_PERSON_NAME = 120;
/** Passwords are checked by the password policy; this only bounds the work of reading one. */
const MAX_PASSWORD_INPUT = 1000;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export class InviteDto {
  @ApiProperty({ example: 'aino@example.com', maxLength: 254 })
  @IsAccountEmail()
  email!: string;

  @ApiPropertyOptional({ example: 'Aino Advocate', maxLength: MAX_PERSON_NAME })
  @IsOptional()
  @IsPlainName(MAX_PERSON_NAME)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, enumName: 'Role', default: ['advocate'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ enum: MEMBER_KINDS, enumName: 'MemberKind', default: 'employee' })
  @IsOptional()
  @IsIn(MEMBER_KINDS)
  kind?: MemberKind;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  teamId?: string | null;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'Defaults to the organisation’s.' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class InvitationDto {
  @ApiProperty({ type: PersonDto })
  member!: PersonDto;

  @ApiProperty({
    example: 'http://localhost:3000/invite/3q2-7wEjLQ1c5Vh0uR9yZ4nKpX8sTbMdAeFgHiJkLmN',
    description: 'Shown once: only a hash of its token is kept. Inviting again makes a new link.',
  })
  invitationUrl!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;
}

export class InvitationTokenDto {
  @ApiProperty({
    description: 'The token from the invitation link.',
    example: '3q2-7wEjLQ1c5Vh0uR9yZ4nKpX8sTbMdAeFgHiJkLmN',
  })
  @IsString()
  @Matches(TOKEN, { message: 'token is not an invitation token' })
  token!: string;
}

export class AcceptInvitationDto extends InvitationTokenDto {
  @ApiPropertyOptional({
    example: 'Aino Advocate',
    maxLength: MAX_PERSON_NAME,
    description: 'Required when the invitation has no name.',
  })
  @IsOptional()
  @IsPlainName(MAX_PERSON_NAME)
  name?: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 200 })
  @IsString()
  @MaxLength(MAX_PASSWORD_INPUT)
  password!: string;
}

export class InvitationPreviewDto {
  @ApiProperty({ example: 'Demo' })
  organisationName!: string;

  @ApiProperty({ example: 'aino@example.com' })
  email!: string;

  @ApiProperty({ example: 'Aino Advocate', description: 'Empty when the admin gave none.' })
  name!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/auth/sso/start?email=aino%40example.com&returnTo=%2F',
    description:
      'Where the invitee signs in through the organisation’s identity provider when the address is in a ' +
      'verified domain that requires single sign-on (no password is set then); null otherwise.',
  })
  singleSignOnUrl!: string | null;
}

export class JoinDto {
  @ApiProperty({ example: 'fiona@example.com', maxLength: 254 })
  @IsAccountEmail()
  email!: string;

  @ApiProperty({ example: 'Fiona Fan', maxLength: MAX_PERSON_NAME })
  @IsPlainName(MAX_PERSON_NAME)
  name!: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 200 })
  @IsString()
  @MaxLength(MAX_PASSWORD_INPUT)
  password!: string;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'Defaults to the organisation’s.' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class ConfirmJoinDto {
  @ApiProperty({
    description: 'The token from the confirmation link.',
    example: '3q2-7wEjLQ1c5Vh0uR9yZ4nKpX8sTbMdAeFgHiJkLmN',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not a confirmation token' })
  token!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { MEMBER_KINDS, ROLES, type MemberKind, type Role } from '../../members/entities/member.entity';

/** A claim name: letters, digits and `_ . : / -`, as providers name theirs (`preferred_username`, URIs). */
export const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_.:/-]{0,99}$/;
const claimMessage = (field: string) => ({
  message: `${field} must be a claim name (letters, digits, _ . : / -, at most 100)`,
});

export class ClaimMappingDto {
  @ApiProperty({ example: 'name' })
  @IsString()
  @Matches(CLAIM_NAME, claimMessage('claims.name'))
  name!: string;

  @ApiProperty({ example: 'email' })
  @IsString()
  @Matches(CLAIM_NAME, claimMessage('claims.email'))
  email!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'locale' })
  @IsOptional()
  @IsString()
  @Matches(CLAIM_NAME, claimMessage('claims.locale'))
  locale?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'department',
    description:
      'A claim holding a team’s name; a name with no team of the organisation leaves the member without one.',
  })
  @IsOptional()
  @IsString()
  @Matches(CLAIM_NAME, claimMessage('claims.team'))
  team?: string | null;
}

export class ProvisioningDto {
  @ApiProperty({ description: 'Create a member at the first sign-in of someone in a verified domain.' })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['advocate'] })
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ enum: MEMBER_KINDS, example: 'employee' })
  @IsIn(MEMBER_KINDS)
  kind!: MemberKind;
}

export class SaveSsoProviderDto {
  @ApiProperty({
    example: 'https://login.microsoftonline.com/<tenant id>/v2.0',
    description: 'The issuer; `/.well-known/openid-configuration` is read under it. https, a public address.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  issuer!: string;

  @ApiProperty({ example: 'heimo' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(/^[\x21-\x7e]+$/, { message: 'clientId must be printable characters without spaces' })
  clientId!: string;

  @ApiPropertyOptional({
    description: 'Required the first time; leave out to keep the saved one. Never returned.',
    format: 'password',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  clientSecret?: string;

  @ApiProperty({ type: ClaimMappingDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ClaimMappingDto)
  claims!: ClaimMappingDto;

  @ApiProperty({ type: ProvisioningDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProvisioningDto)
  provisioning!: ProvisioningDto;

  @ApiProperty({
    description: 'Refuse password sign-in for the verified domains, but for the break-glass admins.',
  })
  @IsBoolean()
  requireSso!: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    description: 'Active admins of the organisation.',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  breakGlassMemberIds!: string[];
}

export class SsoProviderDto {
  @ApiProperty()
  issuer!: string;
  @ApiProperty()
  clientId!: string;
  @ApiProperty({ description: 'A secret is saved (it is never shown).' })
  clientSecretSet!: boolean;
  @ApiProperty({ type: ClaimMappingDto })
  claims!: ClaimMappingDto;
  @ApiProperty({ type: ProvisioningDto })
  provisioning!: ProvisioningDto;
  @ApiProperty()
  requireSso!: boolean;
  @ApiProperty({ type: String, format: 'uuid', isArray: true })
  breakGlassMemberIds!: string[];
  @ApiProperty({ example: 'https://heimo.example.com/api/auth/sso/callback' })
  redirectUri!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class SsoSettingsDto {
  @ApiProperty({ type: SsoProviderDto, nullable: true })
  provider!: SsoProviderDto | null;
  @ApiProperty({ example: 'https://heimo.example.com/api/auth/sso/callback' })
  redirectUri!: string;
}

/** The settings as typed in the form, tested before they are saved; left out, the saved ones are. */
export class TestSsoConnectionDto {
  @ApiPropertyOptional({
    example: 'https://login.example.com',
    description: 'With `clientId`; the saved one if both are left out.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  issuer?: string;

  @ApiPropertyOptional({ example: 'heimo' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @Matches(/^[\x21-\x7e]+$/, { message: 'clientId must be printable characters without spaces' })
  clientId?: string;

  @ApiPropertyOptional({ description: 'Left out: the saved secret.', format: 'password' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  clientSecret?: string;
}

export class SsoTestResultDto {
  @ApiProperty({ description: 'Discovery answered and the issuer matches.' })
  discovery!: boolean;
  @ApiProperty({ description: 'The token endpoint accepted the client id and secret.' })
  credentials!: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'sso.discovery_failed' })
  code!: string | null;
  @ApiProperty({ nullable: true, type: String })
  detail!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The provider signs out here too.' })
  endSessionEndpoint!: string | null;
}

export class AddSsoDomainDto {
  @ApiProperty({ example: 'example.com', maxLength: 253 })
  @IsString()
  @MinLength(1)
  @MaxLength(253)
  domain!: string;
}

export class SsoDomainDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'example.com' })
  domain!: string;
  @ApiProperty({ example: '_heimo-verification.example.com', description: 'Where the TXT record goes.' })
  recordName!: string;
  @ApiProperty({ example: 'heimo-verification=3f9…', description: 'The TXT record’s value.' })
  recordValue!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt!: string | null;
  @ApiProperty({ enum: ['dns', 'operator'], nullable: true, type: String })
  verifiedBy!: string | null;
}

export class SsoDomainListDto {
  @ApiProperty({ type: SsoDomainDto, isArray: true })
  items!: SsoDomainDto[];
}

export class SsoDiscoverDto {
  @ApiProperty({ example: 'someone@example.com', maxLength: 254 })
  @IsEmail({ allow_utf8_local_part: false }, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '/training', description: 'A path of this site to land on afterwards.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  returnTo?: string;
}

export class SsoDiscoverResultDto {
  @ApiProperty({ enum: ['password', 'sso'] })
  method!: 'password' | 'sso';
  @ApiPropertyOptional({ description: 'With `sso`: open this to sign in at the provider.' })
  startUrl?: string;
  @ApiPropertyOptional({
    description:
      'With `sso`: the organisation requires single sign-on for the domain, so a password (or a reset ' +
      'link) is no use for the address, but for break-glass admins.',
  })
  required?: boolean;
}

export class SsoLogoutResultDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Open this to sign out at the identity provider too; null when there is nothing to end there.',
  })
  endSessionUrl!: string | null;
}

import { isTimeZone } from '@heimo/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { LOCALES, type Locale } from '../../members/entities/member.entity';
import { IsPlainName } from '../../organisations/dto/plain-name';
import { MAX_ORGANISATION_NAME } from '../provisioning-input';
import { IsAccountEmail } from './account-email';
import { MAX_PERSON_NAME } from './invitation.dto';

/** Passwords are checked by the password policy; this only bounds the work of reading one. */
const MAX_PASSWORD_INPUT = 1000;

export class SetupStatusDto {
  @ApiProperty({
    description:
      'Whether the first run’s setup is open: no organisation exists yet and a setup link has been printed.',
    example: true,
  })
  @IsBoolean()
  open!: boolean;

  @ApiProperty({
    description:
      'Whether anyone may create a further organisation from the web (`/signup-organisation`, ALLOW_ORGANISATION_SIGNUP).',
    example: false,
  })
  @IsBoolean()
  signupOpen!: boolean;
}

/**
 * The organisation and its first admin, as `/setup` and the web sign-up's confirm form ask for them:
 * one set of fields and rules for both.
 */
export class NewOrganisationDto {
  @ApiProperty({ example: 'Acme Oy', maxLength: MAX_ORGANISATION_NAME })
  @IsPlainName(MAX_ORGANISATION_NAME)
  organisationName!: string;

  @ApiProperty({ example: 'Europe/Helsinki', description: 'An IANA time zone.' })
  @IsString()
  @MaxLength(64)
  @ValidateBy({
    name: 'isTimeZone',
    validator: { validate: isTimeZone, defaultMessage: () => 'timezone must be an IANA time zone' },
  })
  timezone!: string;

  @ApiProperty({
    enum: LOCALES,
    enumName: 'Locale',
    description: 'The organisation’s and the admin’s language.',
  })
  @IsIn(LOCALES)
  locale!: Locale;

  @ApiProperty({ example: 'Aino Admin', maxLength: MAX_PERSON_NAME })
  @IsPlainName(MAX_PERSON_NAME)
  name!: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 200 })
  @IsString()
  @MaxLength(MAX_PASSWORD_INPUT)
  password!: string;
}

export class SetupDto extends NewOrganisationDto {
  @ApiProperty({
    description: 'The token from the setup link the server printed at its start.',
    example: '3q2-7wEjLQ1c5Vh0uR9yZ4nKpX8sTbMdAeFgHiJkLmN',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not a setup token' })
  token!: string;

  @ApiProperty({ example: 'aino@acme.fi', maxLength: 254 })
  @IsAccountEmail()
  email!: string;
}

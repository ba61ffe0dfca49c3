import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { LOCALES, type Locale } from '../../members/entities/member.entity';
import { IsAccountEmail } from './account-email';
import { NewOrganisationDto } from './setup.dto';

export class OrganisationSignupRequestDto {
  @ApiProperty({
    example: 'aino@acme.fi',
    maxLength: 254,
    description: 'The address to confirm; it becomes the first admin’s.',
  })
  @IsAccountEmail()
  email!: string;

  @ApiProperty({
    enum: LOCALES,
    enumName: 'Locale',
    required: false,
    description: 'The language of the e-mail (English when left out).',
  })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class OrganisationSignupAcceptedDto {
  @ApiProperty({
    example: 'If the address can receive e-mail, a link to create the organisation is on its way.',
    description: 'The same text for every address.',
  })
  message!: string;
}

/** The confirm form: the e-mailed token and the same fields as `/api/setup`, less the e-mail (the confirmed one). */
export class ConfirmOrganisationSignupDto extends NewOrganisationDto {
  @ApiProperty({
    description: 'The token from the e-mailed link.',
    example: '3q2-7wEjLQ1c5Vh0uR9yZ4nKpX8sTbMdAeFgHiJkLmN',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not a sign-up token' })
  token!: string;
}

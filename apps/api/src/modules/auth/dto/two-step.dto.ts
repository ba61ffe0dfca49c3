import { readAuthenticatorCode, readSecondStepCode } from '@heimo/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateBy } from 'class-validator';
import { MeDto } from '../../members/dto/me.dto';

/** Passwords are checked by the hasher; this only bounds the work of reading one. */
const MAX_PASSWORD_INPUT = 1000;

const IsAppCode = () =>
  ValidateBy({
    name: 'isAuthenticatorCode',
    validator: {
      validate: (value) => readAuthenticatorCode(value) !== undefined,
      defaultMessage: () => 'code must be the 6-digit code from the authenticator app',
    },
  });

const IsSecondStepCode = () =>
  ValidateBy({
    name: 'isSecondStepCode',
    validator: {
      validate: (value) => readSecondStepCode(value) !== undefined,
      defaultMessage: () => 'code must be the 6-digit code from the authenticator app or a recovery code',
    },
  });

export class TwoStepLoginDto {
  @ApiProperty({
    example: '123456',
    maxLength: 40,
    description:
      'The 6-digit code from the authenticator app, or one of the recovery codes (`abcde-23456`). Spaces are ignored.',
  })
  @IsString()
  @MaxLength(40)
  @IsSecondStepCode()
  code!: string;
}

export class LoginResultDto {
  @ApiPropertyOptional({
    type: MeDto,
    description: 'The member, signed in (the session cookies are set). Absent when a second step is due.',
  })
  member?: MeDto;

  @ApiPropertyOptional({
    description:
      'The password was right and the member uses two-step sign-in: send a code to `POST /api/auth/login/two-step` ' +
      'within 5 minutes (a short-lived cookie holds the pending sign-in). No session yet.',
    example: true,
  })
  twoStepRequired?: boolean;
}

export class StartTwoStepDto {
  @ApiProperty({ format: 'password', maxLength: 200, description: 'The member’s password.' })
  @IsString()
  @MaxLength(MAX_PASSWORD_INPUT)
  password!: string;
}

export class AppCodeDto {
  @ApiProperty({ example: '123456', description: 'The current 6-digit code from the authenticator app.' })
  @IsString()
  @MaxLength(40)
  @IsAppCode()
  code!: string;
}

export class DisableTwoStepDto {
  @ApiProperty({ format: 'password', maxLength: 200, description: 'The member’s password.' })
  @IsString()
  @MaxLength(MAX_PASSWORD_INPUT)
  password!: string;

  @ApiProperty({ example: '123456', description: 'A code from the app, or a recovery code.' })
  @IsString()
  @MaxLength(40)
  @IsSecondStepCode()
  code!: string;
}

export class TwoStepStatusDto {
  @ApiProperty({ description: 'Two-step sign-in is on.' })
  enabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enabledAt!: string | null;

  @ApiProperty({ description: 'Recovery codes not used yet.', example: 10 })
  recoveryCodesLeft!: number;

  @ApiProperty({ description: 'The organisation requires it of this member (an admin).' })
  required!: boolean;
}

export class TwoStepEnrolmentDto {
  @ApiProperty({
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    description: 'The secret in base32, for typing into the app; shown now only.',
  })
  secret!: string;

  @ApiProperty({
    example:
      'otpauth://totp/Heimo:aino%40example.com%20(Acme)?secret=JBSWY3DP…&period=30&digits=6&algorithm=SHA1&issuer=Heimo',
    description: 'The same as an `otpauth://` URI, for a QR code.',
  })
  otpauthUri!: string;

  @ApiProperty({ example: 30, description: 'Seconds each code lasts.' })
  period!: number;
}

export class RecoveryCodesDto {
  @ApiProperty({
    type: [String],
    example: ['abcde-23456', 'fghjk-789ab'],
    description: 'Ten single-use codes, shown now only: each signs in once in place of the app’s code.',
  })
  recoveryCodes!: string[];
}

export class TwoStepResetDto {
  @ApiProperty({ description: 'Two-step sign-in was on and is now off; false when it was off already.' })
  reset!: boolean;
}

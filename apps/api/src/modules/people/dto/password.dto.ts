import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsAccountEmail } from './account-email';

/** Passwords are checked by the password policy; this only bounds the work of reading one. */
const MAX_PASSWORD_INPUT = 1000;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export class ForgotPasswordDto {
  @ApiProperty({ example: 'aino@example.com', maxLength: 254 })
  @IsAccountEmail()
  email!: string;
}

export class ResetPasswordDto {
  @ApiProperty({
    description: 'The token from the reset link.',
    example: '3q2-7wEjLQ1c5Vh0uR9yZ4nKpX8sTbMdAeFgHiJkLmN',
  })
  @IsString()
  @Matches(TOKEN, { message: 'token is not a password reset token' })
  token!: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 200 })
  @IsString()
  @MaxLength(MAX_PASSWORD_INPUT)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', maxLength: 200 })
  @IsString()
  @MaxLength(MAX_PASSWORD_INPUT)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 200 })
  @IsString()
  @MaxLength(MAX_PASSWORD_INPUT)
  newPassword!: string;
}

export class PasswordResetSentDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'When the link e-mailed stops working.' })
  expiresAt!: string;
}

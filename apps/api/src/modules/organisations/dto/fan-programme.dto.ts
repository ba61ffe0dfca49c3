import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { LOCALES, type Locale } from '../../members/entities/member.entity';

export class FanProgrammeDto {
  @ApiProperty({ description: 'The join link accepts new fans.' })
  open!: boolean;

  @ApiProperty({ example: 'Yq3x0V9mQk2n6PzA', description: 'Random, URL-safe.' })
  joinCode!: string;

  @ApiProperty({ example: 'http://localhost:3000/join/Yq3x0V9mQk2n6PzA' })
  joinUrl!: string;
}

export class SetFanProgrammeOpenDto {
  @ApiProperty()
  @IsBoolean()
  open!: boolean;
}

export class JoinInfoDto {
  @ApiProperty({ example: 'Demo' })
  organisationName!: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  defaultLocale!: Locale;

  @ApiProperty({ description: 'Always true: a closed link answers 404.' })
  open!: boolean;
}

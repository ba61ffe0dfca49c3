import { ApiProperty } from '@nestjs/swagger';
import { IsPlainName } from './plain-name';
import { PageDto } from '../../../infra/http/page.dto';

export const MAX_TEAM_NAME = 80;

export class TeamDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Sales' })
  name!: string;

  @ApiProperty({
    example: 12,
    description:
      'Members the team counts: active members with the advocate role, as the team boards and per-member figures count them.',
  })
  memberCount!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class TeamPageDto extends PageDto(TeamDto) {}

export class SaveTeamDto {
  @ApiProperty({ example: 'Sales (EMEA)', maxLength: MAX_TEAM_NAME })
  @IsPlainName(MAX_TEAM_NAME)
  name!: string;
}

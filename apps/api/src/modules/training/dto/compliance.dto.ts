import { ApiProperty } from '@nestjs/swagger';

export class BlockingModuleDto {
  @ApiProperty({ format: 'uuid' })
  moduleId!: string;

  @ApiProperty({ example: 'Social media policy' })
  title!: string;

  @ApiProperty({ example: 4, description: 'Members this module stops from sharing.' })
  blocked!: number;
}

export class ComplianceGroupDto {
  @ApiProperty({ example: 12, description: 'Members who may share now.' })
  ready!: number;

  @ApiProperty({ example: 15, description: 'Active advocates.' })
  total!: number;

  @ApiProperty({
    type: BlockingModuleDto,
    nullable: true,
    description: 'The module blocking the most members.',
  })
  topBlockingModule!: BlockingModuleDto | null;
}

export class TeamComplianceDto extends ComplianceGroupDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: members without a team.' })
  teamId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sales' })
  teamName!: string | null;
}

export class ModuleComplianceDto extends BlockingModuleDto {
  @ApiProperty({ example: 20, description: 'Members the module is required of.' })
  requiredOf!: number;

  @ApiProperty()
  passed!: number;

  @ApiProperty()
  notStarted!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty()
  expired!: number;

  @ApiProperty()
  outdated!: number;
}

export class LapsedTrainingDto {
  @ApiProperty({ format: 'uuid' })
  memberId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId!: string | null;

  @ApiProperty({ format: 'uuid' })
  moduleId!: string;

  @ApiProperty()
  moduleTitle!: string;

  @ApiProperty({ enum: ['expired', 'outdated'] })
  status!: 'expired' | 'outdated';

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the lapsed pass was made.',
  })
  passedAt!: string | null;
}

export class ComplianceDto {
  @ApiProperty({ type: String, format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({ type: ComplianceGroupDto })
  overall!: ComplianceGroupDto;

  @ApiProperty({ type: [TeamComplianceDto], description: 'By team name; members without a team last.' })
  teams!: TeamComplianceDto[];

  @ApiProperty({ type: [ModuleComplianceDto], description: 'Required modules, most blocking first.' })
  modules!: ModuleComplianceDto[];

  @ApiProperty({
    type: [LapsedTrainingDto],
    description: `Who has expired or outdated training, by name; at most ${500} rows (the CSV has all).`,
  })
  lapsed!: LapsedTrainingDto[];

  @ApiProperty({ description: 'Lapsed rows in all, beyond the ones listed.' })
  lapsedTotal!: number;
}

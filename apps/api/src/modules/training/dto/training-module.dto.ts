import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MEMBER_KINDS, type MemberKind } from '../../members/entities/member.entity';
import { TrimmedText } from '../../organisations/dto/plain-name';
import { PageQueryDto } from '../../../infra/http/keyset-page';
import {
  QUESTION_KINDS,
  QUIZ_KEY,
  TRAINING_KINDS,
  TRAINING_LIMITS,
  type QuestionKind,
  type TrainingKind,
} from '../training-content';
import { PageDto } from '../../../infra/http/page.dto';

export const MAX_TITLE_LENGTH = TRAINING_LIMITS.titleLength;
export const MAX_BODY_LENGTH = TRAINING_LIMITS.bodyLength;
export const MAX_QUESTION_LENGTH = TRAINING_LIMITS.questionLength;
export const MAX_QUESTIONS = TRAINING_LIMITS.questions;
export const MAX_OPTIONS = TRAINING_LIMITS.options;
export const MAX_VALIDITY_DAYS = TRAINING_LIMITS.maxValidityDays;

const LocaleString = (max: number) =>
  applyDecorators(TrimmedText(), IsOptional(), IsString(), MinLength(1), MaxLength(max));

export class TitleTextDto {
  @ApiPropertyOptional({ maxLength: MAX_TITLE_LENGTH, example: 'Social media policy' })
  @LocaleString(MAX_TITLE_LENGTH)
  en?: string;

  @ApiPropertyOptional({ maxLength: MAX_TITLE_LENGTH, example: 'Sosiaalisen median ohje' })
  @LocaleString(MAX_TITLE_LENGTH)
  fi?: string;
}

export class BodyTextDto {
  @ApiPropertyOptional({ maxLength: MAX_BODY_LENGTH, description: 'Markdown.' })
  @LocaleString(MAX_BODY_LENGTH)
  en?: string;

  @ApiPropertyOptional({ maxLength: MAX_BODY_LENGTH, description: 'Markdown.' })
  @LocaleString(MAX_BODY_LENGTH)
  fi?: string;
}

export class QuestionTextDto {
  @ApiPropertyOptional({ maxLength: MAX_QUESTION_LENGTH })
  @LocaleString(MAX_QUESTION_LENGTH)
  en?: string;

  @ApiPropertyOptional({ maxLength: MAX_QUESTION_LENGTH })
  @LocaleString(MAX_QUESTION_LENGTH)
  fi?: string;
}

export class QuizOptionDto {
  @ApiProperty({ pattern: QUIZ_KEY.source, example: 'a' })
  @IsString()
  @Matches(QUIZ_KEY)
  id!: string;

  @ApiProperty({ type: QuestionTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => QuestionTextDto)
  text!: QuestionTextDto;

  @ApiProperty({ description: 'The answer key: shown to curators only, never to members.' })
  @IsBoolean()
  correct!: boolean;
}

export class QuizQuestionDto {
  @ApiProperty({ pattern: QUIZ_KEY.source, example: 'q1' })
  @IsString()
  @Matches(QUIZ_KEY)
  id!: string;

  @ApiProperty({ enum: QUESTION_KINDS, enumName: 'QuestionKind' })
  @IsIn(QUESTION_KINDS)
  kind!: QuestionKind;

  @ApiProperty({ type: QuestionTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => QuestionTextDto)
  text!: QuestionTextDto;

  @ApiPropertyOptional({
    type: QuestionTextDto,
    description:
      'Why the right answer is right, in the module’s locales: a member who answers the question wrong sees it after the attempt (never which option was right).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuestionTextDto)
  explanation?: QuestionTextDto;

  @ApiProperty({ type: [QuizOptionDto], minItems: 2, maxItems: MAX_OPTIONS })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_OPTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuizOptionDto)
  options!: QuizOptionDto[];
}

export class QuizDto {
  @ApiProperty({
    minimum: 1,
    maximum: 100,
    example: 80,
    description: 'Percent of questions right that passes.',
  })
  @IsInt()
  @Min(1)
  @Max(100)
  passMark!: number;

  @ApiProperty({ type: [QuizQuestionDto], minItems: 1, maxItems: MAX_QUESTIONS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  questions!: QuizQuestionDto[];
}

export class RequiredForDto {
  @ApiProperty({ enum: MEMBER_KINDS, enumName: 'MemberKind', isArray: true, example: ['employee'] })
  @IsArray()
  @ArrayMaxSize(MEMBER_KINDS.length)
  @ArrayUnique()
  @IsIn(MEMBER_KINDS, { each: true })
  kinds!: MemberKind[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: 100,
    description: 'Only these teams; empty for every team and members without one.',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  teamIds!: string[];
}

/** The editable content of a module; what `PUT` replaces and `publish` copies. */
export class TrainingContentDto {
  @ApiProperty({
    type: TitleTextDto,
    description: 'Its locales are the module’s: every other text needs them too.',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => TitleTextDto)
  title!: TitleTextDto;

  @ApiProperty({ type: BodyTextDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BodyTextDto)
  body!: BodyTextDto;

  @ApiProperty({ type: QuizDto, nullable: true, description: 'Courses only; null for none.' })
  @ValidateIf((_, value) => value !== null)
  @IsDefined()
  @ValidateNested()
  @Type(() => QuizDto)
  quiz!: QuizDto | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_VALIDITY_DAYS,
    example: 365,
    description: 'Days a pass stays valid (recertification); null for no expiry.',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_VALIDITY_DAYS)
  validityDays!: number | null;

  @ApiProperty({ type: RequiredForDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RequiredForDto)
  requiredFor!: RequiredForDto;
}

export class CreateTrainingModuleDto extends TrainingContentDto {
  @ApiProperty({ enum: TRAINING_KINDS, enumName: 'TrainingKind', description: 'Fixed once created.' })
  @IsIn(TRAINING_KINDS)
  kind!: TrainingKind;
}

export class UpdateTrainingModuleDto extends TrainingContentDto {
  @ApiProperty({ example: 1, description: 'The `revision` this change was made against.' })
  @IsInt()
  @Min(1)
  revision!: number;
}

export class PublishTrainingModuleDto {
  @ApiProperty({
    example: 3,
    description:
      'The `revision` of the draft you reviewed: a draft saved since (by anyone) answers 409 `training.stale_revision`.',
  })
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiProperty({
    description:
      'A material change: every earlier completion becomes `outdated` and members must take the module again. ' +
      '`false` publishes a correction (a typo, a link): passes stay valid. Training points are earned once per module either way.',
  })
  @IsBoolean()
  material!: boolean;
}

export class TrainingModuleDto extends TrainingContentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TRAINING_KINDS, enumName: 'TrainingKind' })
  kind!: TrainingKind;

  @ApiProperty({ description: 'The draft differs from the published version (or nothing is published yet).' })
  hasUnpublishedChanges!: boolean;

  @ApiProperty({ type: TrainingContentDto, nullable: true, description: 'What members see now.' })
  published!: TrainingContentDto | null;

  @ApiProperty({ example: 2, description: 'The published version; 0 before the first publish.' })
  version!: number;

  @ApiProperty({ example: 1, description: 'The newest material version: passes of older ones are outdated.' })
  materialVersion!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;

  @ApiProperty({ example: 3, description: 'Send it back with the next PUT (optimistic locking).' })
  revision!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class TrainingModulePageDto extends PageDto(TrainingModuleDto) {}

export class ListTrainingModulesQueryDto extends PageQueryDto {}

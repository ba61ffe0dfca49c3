import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { TRAINING_STATUSES, type TrainingBlockCode, type TrainingStatus } from '@heimo/domain';
import { LOCALES, type Locale } from '../../members/entities/member.entity';
import { COMPLETION_KINDS, type CompletionKind } from '../entities/training-completion.entity';
import {
  QUESTION_KINDS,
  QUIZ_KEY,
  TRAINING_KINDS,
  type QuestionKind,
  type TrainingKind,
} from '../training-content';
import { MAX_OPTIONS, MAX_QUESTIONS } from './training-module.dto';

export const BLOCK_CODES = [
  'training.not_started',
  'training.failed',
  'training.expired',
  'training.outdated',
] as const;

/** The member's standing on one published module. */
export class TrainingStatusDto {
  @ApiProperty({ format: 'uuid' })
  moduleId!: string;

  @ApiProperty({ enum: TRAINING_KINDS, enumName: 'TrainingKind' })
  kind!: TrainingKind;

  @ApiProperty({ example: 'Social media policy', description: 'In the member’s locale where written.' })
  title!: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  locale!: Locale;

  @ApiProperty({ description: 'The organisation requires it of this member before sharing.' })
  required!: boolean;

  @ApiProperty({ enum: TRAINING_STATUSES, enumName: 'TrainingStatus' })
  status!: TrainingStatus;

  @ApiProperty({ example: 2 })
  currentVersion!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The version the status rests on.' })
  completedVersion!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  passedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null: no expiry.' })
  validUntil!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 365 })
  validityDays!: number | null;

  @ApiProperty()
  hasQuiz!: boolean;
}

export class MyTrainingDto {
  @ApiProperty({ description: 'Every required module is passed.' })
  mayShare!: boolean;

  @ApiProperty({ type: [TrainingStatusDto], description: 'Required modules first, then by title.' })
  items!: TrainingStatusDto[];
}

export class QuizOptionViewDto {
  @ApiProperty({ example: 'a' })
  id!: string;

  @ApiProperty()
  text!: string;
}

export class QuizQuestionViewDto {
  @ApiProperty({ example: 'q1' })
  id!: string;

  @ApiProperty({ enum: QUESTION_KINDS, enumName: 'QuestionKind' })
  kind!: QuestionKind;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [QuizOptionViewDto], description: 'Without the answer key.' })
  options!: QuizOptionViewDto[];
}

export class QuizViewDto {
  @ApiProperty({ example: 80 })
  passMark!: number;

  @ApiProperty({ type: [QuizQuestionViewDto] })
  questions!: QuizQuestionViewDto[];
}

export class TrainingModuleViewDto extends TrainingStatusDto {
  @ApiProperty({ description: 'Markdown, in `locale`.' })
  body!: string;

  @ApiProperty({ type: QuizViewDto, nullable: true })
  quiz!: QuizViewDto | null;
}

export class AnswerDto {
  @ApiProperty({ example: 'q1' })
  @IsString()
  @Matches(QUIZ_KEY)
  questionId!: string;

  @ApiProperty({ type: [String], example: ['b'], description: 'Exactly one for a single-choice question.' })
  @IsArray()
  @ArrayMaxSize(MAX_OPTIONS)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(QUIZ_KEY, { each: true })
  optionIds!: string[];
}

export class AttemptDto {
  @ApiProperty({
    type: [AnswerDto],
    maxItems: MAX_QUESTIONS,
    description:
      'One per question; an unanswered question counts as wrong. Empty for a course without a quiz.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}

/** A question the member answered wrong: its text and the module's explanation, never the right option. */
export class WrongQuestionDto {
  @ApiProperty({ example: 'q2' })
  id!: string;

  @ApiProperty({ example: 'May you share a customer’s name without asking?' })
  text!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Customers’ names are theirs to share: ask first.',
    description:
      'The module’s explanation for the question, in the member’s language; null where it has none.',
  })
  explanation!: string | null;
}

export class AttemptResultDto {
  @ApiProperty({ format: 'uuid' })
  attemptId!: string;

  @ApiProperty()
  passed!: boolean;

  @ApiProperty({ example: 75, description: 'Percent of questions answered right.' })
  score!: number;

  @ApiProperty({ type: Number, nullable: true, example: 80 })
  passMark!: number | null;

  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  completedAt!: string;

  @ApiProperty({
    type: [WrongQuestionDto],
    description:
      'The questions answered wrong (or not at all), in the quiz’s order; empty when all were right.',
  })
  wrongQuestions!: WrongQuestionDto[];

  @ApiProperty({
    type: TrainingStatusDto,
    description: 'The member’s status on the module after this attempt.',
  })
  training!: TrainingStatusDto;
}

export class AcceptPolicyDto {
  @ApiProperty({ example: 2, description: 'The version the member read; a newer one answers 409.' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class AcceptanceDto {
  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  acceptedAt!: string;

  @ApiProperty({ type: TrainingStatusDto })
  training!: TrainingStatusDto;
}

export class TrainingBlockDto {
  @ApiProperty({ format: 'uuid' })
  moduleId!: string;

  @ApiProperty({ example: 'Social media policy' })
  title!: string;

  @ApiProperty({ enum: TRAINING_STATUSES.filter((s) => s !== 'passed'), enumName: 'TrainingBlockStatus' })
  status!: Exclude<TrainingStatus, 'passed'>;

  @ApiProperty({ enum: BLOCK_CODES, enumName: 'TrainingBlockCode' })
  code!: TrainingBlockCode;
}

export class ReadinessDto {
  @ApiProperty({ description: 'Every module required of the member is passed.' })
  mayShare!: boolean;

  @ApiProperty({ type: [TrainingBlockDto] })
  blocking!: TrainingBlockDto[];
}

export class CompletionAnswerDto {
  @ApiProperty({ example: 'q1' })
  questionId!: string;

  @ApiProperty({ type: [String], example: ['b'] })
  optionIds!: string[];
}

/** One attempt or acceptance as stored, for the member's own data export. */
export class TrainingCompletionRecordDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  moduleId!: string;

  @ApiProperty({ example: 'Social media policy', description: 'In the member’s locale where written.' })
  moduleTitle!: string;

  @ApiProperty({ enum: COMPLETION_KINDS, enumName: 'TrainingCompletionKind' })
  kind!: CompletionKind;

  @ApiProperty({ example: 2, description: 'The published version taken or accepted.' })
  version!: number;

  @ApiProperty({ description: 'Passed the quiz (always true for an acceptance).' })
  passed!: boolean;

  @ApiProperty({ type: Number, nullable: true, example: 75, description: 'Null for an acceptance.' })
  score!: number | null;

  @ApiProperty({ type: [CompletionAnswerDto], description: 'The answers as given; empty for an acceptance.' })
  answers!: CompletionAnswerDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  completedAt!: string;
}

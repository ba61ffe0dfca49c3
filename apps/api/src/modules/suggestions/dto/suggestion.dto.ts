import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_LINK_LENGTH } from '@heimo/content';
import {
  MAX_SUGGESTION_DECISION_NOTE_LENGTH,
  MAX_SUGGESTION_NOTE_LENGTH,
  SUGGESTION_STATUSES,
  type SuggestionStatus,
} from '@heimo/domain';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../infra/http/keyset-page';
import { TrimmedText } from '../../organisations/dto/plain-name';

export class CreateSuggestionDto {
  @ApiProperty({
    example: 'https://example.com/news/new-office',
    maxLength: MAX_LINK_LENGTH,
    description: 'An http or https link without a user name or password.',
  })
  @IsString()
  @MaxLength(MAX_LINK_LENGTH)
  url!: string;

  @ApiPropertyOptional({ example: 'Our new office opened today.', maxLength: MAX_SUGGESTION_NOTE_LENGTH })
  @IsOptional()
  @TrimmedText()
  @IsString()
  @MaxLength(MAX_SUGGESTION_NOTE_LENGTH)
  note?: string;
}

export class AcceptSuggestionDto {
  @ApiPropertyOptional({
    maxLength: MAX_SUGGESTION_DECISION_NOTE_LENGTH,
    description: 'A word of thanks the suggester reads.',
  })
  @IsOptional()
  @TrimmedText()
  @IsString()
  @MaxLength(MAX_SUGGESTION_DECISION_NOTE_LENGTH)
  note?: string;
}

export class DeclineSuggestionDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_SUGGESTION_DECISION_NOTE_LENGTH,
    description: 'Why not: the suggester reads it.',
  })
  @TrimmedText()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SUGGESTION_DECISION_NOTE_LENGTH)
  note!: string;
}

export class ListSuggestionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SUGGESTION_STATUSES, enumName: 'SuggestionStatus', default: 'pending' })
  @IsOptional()
  @IsIn(SUGGESTION_STATUSES)
  status?: SuggestionStatus;
}

export class SuggestionPersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class SuggestionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ description: 'The link’s host, for a short label.' })
  host!: string;

  @ApiProperty()
  note!: string;

  @ApiProperty({ enum: SUGGESTION_STATUSES, enumName: 'SuggestionStatus' })
  status!: SuggestionStatus;

  @ApiProperty({ type: SuggestionPersonDto, description: 'Who suggested it.' })
  suggestedBy!: SuggestionPersonDto;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: SuggestionPersonDto, nullable: true })
  decidedBy!: SuggestionPersonDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The curator’s note with the decision.' })
  decisionNote!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The draft an acceptance made.' })
  packId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The pack’s state, so the suggester knows when it is in the feed (`published`).',
  })
  packStatus!: string | null;

  @ApiProperty({ description: 'Points the acceptance credited to the suggester.' })
  points!: number;
}

export class SuggestionPageDto {
  @ApiProperty({ type: [SuggestionDto] })
  items!: SuggestionDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class MySuggestionsDto {
  @ApiProperty({ type: [SuggestionDto], description: 'Your 50 newest suggestions, newest first.' })
  items!: SuggestionDto[];

  @ApiProperty({ description: 'Whether you may suggest (fans only when the organisation allows it).' })
  maySuggest!: boolean;

  @ApiProperty({ description: 'Suggestions per member per day.' })
  dailyLimit!: number;

  @ApiProperty({ description: 'Suggestions you may still make today.' })
  remainingToday!: number;
}

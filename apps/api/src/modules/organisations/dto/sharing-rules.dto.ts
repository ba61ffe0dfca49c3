import { ApiProperty } from '@nestjs/swagger';
import { NETWORK_IDS, type NetworkId } from '@heimo/domain';
import { LOCALES, type Locale } from '../../members/entities/member.entity';

export class DisclosuresDto {
  @ApiProperty({ type: String, nullable: true, example: '#employee', description: 'Employees’ disclosure.' })
  employee!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '#ad', description: 'Fans’ disclosure.' })
  fan!: string | null;
}

export class SharingComplianceDto {
  @ApiProperty({
    type: DisclosuresDto,
    description:
      'The disclosure per member kind (a hashtag or a short text); a caption carries its sharer’s.',
  })
  disclosures!: DisclosuresDto;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '#employee',
    deprecated: true,
    description: 'The employees’ disclosure, as before disclosures per member kind.',
  })
  disclosureHashtag!: string | null;

  @ApiProperty({ description: 'A caption must carry its sharer’s kind’s disclosure.' })
  disclosureRequired!: boolean;

  @ApiProperty({ type: [String], example: ['guaranteed returns'] })
  blockedTerms!: string[];
}

/**
 * What a caption is checked against, for every member: the web runs `validateVariant` and
 * `validateEditedCaption` from @heimo/content live with exactly these values, as the API does.
 */
export class SharingRulesDto {
  @ApiProperty({
    enum: NETWORK_IDS,
    enumName: 'NetworkId',
    isArray: true,
    description: 'The organisation’s enabled networks, in registry order.',
  })
  enabledNetworks!: NetworkId[];

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  defaultLocale!: Locale;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale', isArray: true, description: 'Locales of its content.' })
  locales!: Locale[];

  @ApiProperty({ type: SharingComplianceDto })
  compliance!: SharingComplianceDto;

  @ApiProperty({
    example: 'https://heimo.example.com',
    description: 'Base of tracked links: a share’s link is `${linkBaseUrl}/r/<code>`.',
  })
  linkBaseUrl!: string;

  @ApiProperty({
    description:
      'The organisation lets advocates have Heimo post a share through their connected account ' +
      '(`POST /api/shares/{shareId}/post`).',
  })
  postForMe!: boolean;
}

import { NETWORK_IDS, type NetworkId } from '@heimo/domain';
import { ApiProperty } from '@nestjs/swagger';
import { LOCALES, type Locale } from '../../members/entities/member.entity';

/** A reserved share: everything the phone's share sheet needs at the tap. */
export class ShareReservationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  packId!: string;

  @ApiProperty({ enum: NETWORK_IDS, enumName: 'NetworkId' })
  network!: NetworkId;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  locale!: Locale;

  @ApiProperty({ example: 'aZ3kP9xQ2m', description: 'The code the confirmed share will have.' })
  code!: string;

  @ApiProperty({
    description: 'The final caption, with the tracked link in it where the network carries it.',
  })
  text!: string;

  @ApiProperty({ example: 'https://heimo.example.com/r/aZ3kP9xQ2m' })
  trackedUrl!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The link to hand to the share sheet (`url`): the tracked link, or null when the pack has none.',
  })
  link!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The variant’s title, for the sheet’s `title`.' })
  title!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/media/6f1c1a43-0c4e-4a4e-9d55-3c0f3a7b5e11',
    description:
      'The picture or video to pass as a file, relative to the app’s own origin; null without media.',
  })
  mediaUrl!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'Confirm before this; afterwards the code is gone and never counts.',
  })
  expiresAt!: string;
}

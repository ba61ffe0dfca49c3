import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { TrimmedText } from '../../organisations/dto/plain-name';

export const MAX_LINK_PREVIEW_URL_LENGTH = 2048;

export class LinkPreviewRequestDto {
  @ApiProperty({
    maxLength: MAX_LINK_PREVIEW_URL_LENGTH,
    example: 'https://www.example.com/news/new-office',
    description: 'An http or https address at a public internet address.',
  })
  @TrimmedText()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LINK_PREVIEW_URL_LENGTH)
  url!: string;
}

export class LinkPreviewDto {
  @ApiProperty({ description: 'The address read, after redirects.' })
  url!: string;

  @ApiProperty({ type: String, nullable: true, description: 'og:url or `<link rel="canonical">`.' })
  canonicalUrl!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 200,
    description: 'og:title, twitter:title, the oEmbed title or `<title>`, cut to a pack title’s length.',
  })
  title!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'og:description, twitter:description or `<meta name="description">`.',
  })
  description!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'og:image, twitter:image or the oEmbed thumbnail; import it with `POST /api/link-previews/image`.',
  })
  imageUrl!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 100,
    description: 'og:site_name or the oEmbed provider.',
  })
  siteName!: string | null;
}

import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import { MediaAssetDto } from '../media/dto/media-asset.dto';
import { LinkPreviewDto, LinkPreviewRequestDto } from './dto/link-preview.dto';
import { LinkPreviewsService } from './link-previews.service';

const REFUSED =
  'The link is not read, with `errors[0].field` = `url` and one of these codes: `validation.failed` (not a ' +
  'string, empty, over 2048 characters, an unknown field), `link_preview.bad_url` (not an absolute URL, or with a ' +
  'user name or password), `link_preview.bad_scheme` (not http or https), `link_preview.private_address` ' +
  '(loopback, private, link-local, metadata, shared or reserved addresses, checked after DNS and on every ' +
  'redirect), `link_preview.dns_failed`, `link_preview.connect_failed`, `link_preview.timeout`, ' +
  '`link_preview.http_status` (not 2xx), `link_preview.too_many_redirects` (more than 5).';

@ApiTags('link-previews')
@Authenticated()
@Roles('curator', 'admin')
@Controller('link-previews')
export class LinkPreviewsController {
  constructor(private readonly previews: LinkPreviewsService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'What a page says about itself, for a pack’s title, summary and picture',
    description:
      'Roles: curator, admin. Reads the first 512 KB of the page (5 s at most) and answers its Open Graph, ' +
      'Twitter card and HTML metadata, completed from the oEmbed answer its discovery link names. An answer that ' +
      'is not HTML, or a page without metadata, is a preview whose fields are null. Nothing is saved.',
  })
  @ApiBody({ type: LinkPreviewRequestDto })
  @ApiOkResponse({ type: LinkPreviewDto })
  @ApiBadRequestResponse({ description: REFUSED })
  preview(@Body() body: LinkPreviewRequestDto): Promise<LinkPreviewDto> {
    return this.previews.preview(body.url);
  }

  @Post('image')
  @ApiOperation({
    summary: 'Import a page’s picture as media of the organisation',
    description:
      'Roles: curator, admin. Fetches `url` (a preview’s `imageUrl`) and stores it as an upload is stored: the ' +
      'type is read from the bytes and the download stops at `MEDIA_MAX_IMAGE_BYTES`. Add the answer’s `id` to ' +
      'a pack’s `mediaIds`.',
  })
  @ApiBody({ type: LinkPreviewRequestDto })
  @ApiCreatedResponse({ type: MediaAssetDto })
  @ApiBadRequestResponse({
    description: `${REFUSED} Also, naming \`url\`: an empty answer (\`media.file_empty\`), an image cut short or malformed (\`media.file_corrupt\`).`,
  })
  @ApiUnsupportedMediaTypeResponse({
    description: 'Not a supported image or video (code `media.unsupported_type`, naming `url`).',
  })
  @ApiPayloadTooLargeResponse({
    description: 'Larger than `MEDIA_MAX_IMAGE_BYTES` (code `media.too_large`, naming `url`).',
  })
  importImage(@CurrentCaller() caller: Caller, @Body() body: LinkPreviewRequestDto): Promise<MediaAssetDto> {
    return this.previews.importImage(caller, body.url);
  }
}

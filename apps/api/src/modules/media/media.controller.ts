import { Body, Controller, Get, Patch, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { IdParam } from '../../infra/http/id-param.pipe';
import { AcceptsBody } from '../../infra/http/same-origin.guard';
import type { Caller } from '../../infra/http/caller';
import { Authenticated, CurrentCaller, Roles } from '../../infra/http/access.decorators';
import { DescribeMediaDto, MediaAssetDto, UploadMediaDto } from './dto/media-asset.dto';
import { MediaService } from './media.service';
import type { UploadedMediaFile } from './media-upload';
import { MediaUploadInterceptor } from './media-upload.interceptor';

@ApiTags('media')
@Authenticated()
@Roles('curator', 'admin')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @UseInterceptors(MediaUploadInterceptor)
  @ApiOperation({
    summary: 'Upload an image or a short video',
    description:
      'Roles: curator, admin. `multipart/form-data` with the file as the part `file`. The type is read from ' +
      'the bytes (JPEG, PNG, WebP, GIF; MP4, QuickTime, WebM), never from the name or declared type; an ' +
      'image keeps its width and height. Limits: `MEDIA_MAX_IMAGE_BYTES`, `MEDIA_MAX_VIDEO_BYTES`, held while the ' +
      'file arrives: the first bytes decide the kind, and the first byte over its limit (or first bytes of no ' +
      'supported type) end the upload there and close the connection. A member has at most 2 uploads under way.',
  })
  @AcceptsBody('multipart/form-data')
  @ApiBody({ type: UploadMediaDto })
  @ApiCreatedResponse({ type: MediaAssetDto })
  @ApiBadRequestResponse({
    description:
      'Naming the field `file`: no file part (`media.file_missing`), an empty file (`media.file_empty`), ' +
      'an image or video cut short or malformed (`media.file_corrupt`), an unreadable multipart body or a ' +
      'second file (`media.upload_malformed`); an unknown form field (`validation.failed`).',
  })
  @ApiUnsupportedMediaTypeResponse({
    description:
      'Not a supported image or video, e.g. SVG, HTML, PDF or text (code `media.unsupported_type`).',
  })
  @ApiPayloadTooLargeResponse({ description: 'Over the size limit of its kind (code `media.too_large`).' })
  @ApiTooManyRequestsResponse({
    description:
      'The caller already has 2 uploads under way (code `media.uploads_busy`, naming the field `file`); ' +
      '`Retry-After` says when to try again.',
  })
  upload(
    @CurrentCaller() caller: Caller,
    // Validated so that an unknown form field is refused like an unknown JSON field.
    @Body() _form: UploadMediaDto,
    @UploadedFile() file: UploadedMediaFile | undefined,
  ): Promise<MediaAssetDto> {
    return this.media.upload(caller, file);
  }

  @Get(':mediaId')
  @ApiOperation({ summary: 'One uploaded image or video', description: 'Roles: curator, admin.' })
  @ApiParam({ name: 'mediaId', format: 'uuid' })
  @ApiOkResponse({ type: MediaAssetDto })
  @ApiBadRequestResponse({ description: 'A malformed id (code `validation.failed`).' })
  @ApiNotFoundResponse({ description: 'No such media in the organisation (code `media.not_found`).' })
  get(@CurrentCaller() caller: Caller, @IdParam('mediaId') mediaId: string): Promise<MediaAssetDto> {
    return this.media.get(caller.organisationId, mediaId);
  }

  @Patch(':mediaId')
  @ApiOperation({
    summary: 'Describe an image or video (its alternative text)',
    description:
      'Roles: curator, admin. Sets `altText`, what the picture shows for people who cannot see it; the feed ' +
      'puts it on the picture. White space is collapsed and invisible characters removed. A pack cannot be ' +
      'submitted for review while one of its images has no description.',
  })
  @ApiParam({ name: 'mediaId', format: 'uuid' })
  @ApiBody({ type: DescribeMediaDto })
  @ApiOkResponse({ type: MediaAssetDto })
  @ApiBadRequestResponse({
    description:
      'A malformed id, `altText` missing or not text, or an unknown field (code `validation.failed`); a ' +
      'description too long (code `media.alt_text_too_long`, naming the field `altText`).',
  })
  @ApiNotFoundResponse({ description: 'No such media in the organisation (code `media.not_found`).' })
  describe(
    @CurrentCaller() caller: Caller,
    @IdParam('mediaId') mediaId: string,
    @Body() body: DescribeMediaDto,
  ): Promise<MediaAssetDto> {
    return this.media.describe(caller, mediaId, body.altText);
  }
}

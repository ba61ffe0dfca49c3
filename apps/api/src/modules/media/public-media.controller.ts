import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../infra/http/access.decorators';
import { MediaService } from './media.service';
import { SUPPORTED_CONTENT_TYPES } from './media-sniffer';

/**
 * Route of the public bytes, outside `/api`. The trailing slash is how app.factory's prefix
 * exclusion tells it apart from `GET /api/media/:mediaId` (Nest matches exclusions against the
 * route as written and drops the slash afterwards, so the served path is `/media/:mediaId`).
 */
export const PUBLIC_MEDIA_ROUTE = 'media/:mediaId/';

/** An asset's bytes never change under its id, so the id is a strong validator. */
const etagOf = (id: string) => `"${id}"`;

function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//, '') === etag;
  });
}

@ApiTags('media')
@Public()
@Controller()
export class PublicMediaController {
  constructor(private readonly media: MediaService) {}

  @Get(PUBLIC_MEDIA_ROUTE)
  @ApiOperation({
    summary: 'The bytes of an image or video',
    description:
      'Public, so networks and e-mail clients can fetch it; the uuid is the only key. Served with the ' +
      'sniffed content type, `Cache-Control: public, max-age=31536000, immutable`, ' +
      '`X-Content-Type-Options: nosniff` and an `ETag` (answers 304 to a matching `If-None-Match`).',
  })
  @ApiParam({ name: 'mediaId', format: 'uuid' })
  @ApiProduces(...SUPPORTED_CONTENT_TYPES)
  @ApiOkResponse({ description: 'The file.', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: HttpStatus.NOT_MODIFIED, description: 'The copy the client holds is current.' })
  @ApiNotFoundResponse({ description: 'No such media, or a malformed id (code `media.not_found`).' })
  async serve(
    @Param('mediaId') mediaId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const asset = await this.media.findPublic(mediaId);
    const etag = etagOf(asset.id);
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // Other sites (and the networks' previews) may embed it; helmet's default would forbid that.
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
      response.status(HttpStatus.NOT_MODIFIED).end();
      return;
    }
    const object = await this.media.open(asset);
    response.status(HttpStatus.OK);
    response.setHeader('Content-Type', asset.contentType);
    response.setHeader('Content-Length', String(object.bytes));
    try {
      await pipeline(object.stream, response);
    } catch {
      // The client went away mid-file (or the disk failed after the headers left): nothing left to answer.
      object.stream.destroy();
      response.destroy();
    }
  }
}

import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../../infra/http/access.decorators';
import { RedirectHandler } from './redirect.handler';

/**
 * `/r/:code` as a Nest route: documents the redirect in OpenAPI and answers when the app's server
 * was not wired with `mountRedirectBeforeExpress` (which normally takes these requests first).
 */
@ApiTags('sharing')
@Public()
@Controller('r')
export class RedirectController {
  constructor(private readonly redirect: RedirectHandler) {}

  @Get(':code')
  @ApiOperation({
    summary: 'Follow a tracked link',
    description:
      'Public, outside `/api`. Answers 302 to the share’s destination with `utm_source=<network>&utm_medium=advocacy&' +
      'utm_campaign=<pack slug>&utm_content=<code>`, `Cache-Control: private, no-store` and `Referrer-Policy: no-referrer`. ' +
      'Each GET is counted (asynchronously) as a click, or as a preview for link-preview fetchers, crawlers, HTTP ' +
      'libraries, mail scanners and prefetches; HEAD answers the same and is never counted. Never rate-limited.',
  })
  @ApiParam({ name: 'code', description: 'Share code: 6 to 16 base62 characters.', example: 'aZ3kP9xQ2m' })
  @ApiFoundResponse({
    description: 'To the destination (header `Location`).',
    headers: {
      Location: { description: 'The destination with its UTM parameters.', schema: { type: 'string' } },
    },
  })
  @ApiNotFoundResponse({
    description: 'An unknown or malformed code: a small HTML page that does not repeat the input.',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  follow(@Req() request: Request, @Res() response: Response): void {
    this.redirect.handle(request, response);
  }
}

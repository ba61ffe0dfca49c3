import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { AppError } from '../../infra/http/app-error';
import type { Caller } from '../../infra/http/caller';
import {
  guardedFetch,
  type OutboundPolicy,
  type OutboundRequest,
  type OutboundResponse,
} from '../../infra/outbound/guarded-fetch';
import { OutboundError } from '../../infra/outbound/outbound.errors';
import type { MediaAssetDto } from '../media/dto/media-asset.dto';
import { MediaTooLargeError } from '../media/media.errors';
import { MediaService } from '../media/media.service';
import type { LinkPreviewDto } from './dto/link-preview.dto';
import { readLinkMetadata, readOEmbed } from './link-metadata';
import { LinkImageRefusedError, LinkPreviewRefusedError } from './link-previews.errors';

/** Only the start of a page is read: its head, where the metadata is, comes first. */
export const LINK_PREVIEW_MAX_HTML_BYTES = 512 * 1024;
/** Time limit of a page read (DNS, redirects, headers and body), and of its oEmbed answer. */
export const LINK_PREVIEW_TIMEOUT_MS = 5_000;
/** Time limit of an image import, up to MEDIA_MAX_IMAGE_BYTES. */
export const LINK_IMAGE_TIMEOUT_MS = 20_000;
const MAX_OEMBED_BYTES = 64 * 1024;
const USER_AGENT = 'HeimoLinkPreview/1.0 (+https://github.com/heimo-app/heimo)';
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const isSuccess = (status: number) => status >= 200 && status <= 299;

const mediaType = (response: OutboundResponse) =>
  (String(response.headers['content-type'] ?? '').split(';')[0] ?? '').trim().toLowerCase();

/** The body as text in its declared character set (UTF-8 when none, or one the runtime lacks). */
function decodeText(response: OutboundResponse): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(String(response.headers['content-type'] ?? ''))?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(response.body);
  } catch {
    return new TextDecoder('utf-8').decode(response.body);
  }
}

/**
 * Link previews for the pack editor: a page's Open Graph, Twitter card, oEmbed and plain HTML
 * metadata, and its picture imported as the organisation's media. Every request goes through the
 * outbound policy (guardedFetch): public addresses only, checked again on every redirect.
 */
@Injectable()
export class LinkPreviewsService {
  private readonly logger = new Logger(LinkPreviewsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly media: MediaService,
  ) {}

  private policy(maxBytes: number, timeoutMs: number): OutboundPolicy {
    return { maxBytes, timeoutMs, allowedHosts: this.config.OUTBOUND_ALLOWED_HOSTS };
  }

  private async fetch(
    url: string,
    policy: OutboundPolicy,
    request: OutboundRequest,
  ): Promise<OutboundResponse> {
    let response: OutboundResponse;
    try {
      response = await guardedFetch(url, policy, {
        ...request,
        headers: { 'user-agent': USER_AGENT, ...request.headers },
        readBodyWhen: isSuccess,
      });
    } catch (error) {
      if (error instanceof OutboundError)
        throw new LinkPreviewRefusedError(`link_preview.${error.failure}`, error.detail);
      throw error;
    }
    if (!isSuccess(response.status)) {
      throw new LinkPreviewRefusedError(
        'link_preview.http_status',
        `The server answered HTTP ${response.status}.`,
      );
    }
    return response;
  }

  /**
   * Reads the first 512 KB of the page. An answer that is not HTML, or HTML without metadata, is an
   * empty preview (every field null but `url`); a refused or failed read is a LinkPreviewRefusedError.
   */
  async preview(url: string): Promise<LinkPreviewDto> {
    const response = await this.fetch(
      url,
      this.policy(LINK_PREVIEW_MAX_HTML_BYTES, LINK_PREVIEW_TIMEOUT_MS),
      {
        headers: { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1' },
        truncate: true,
      },
    );
    const empty: LinkPreviewDto = {
      url: response.url,
      canonicalUrl: null,
      title: null,
      description: null,
      imageUrl: null,
      siteName: null,
    };
    if (!HTML_TYPES.has(mediaType(response))) return empty;
    const page = readLinkMetadata(decodeText(response), response.url);
    const oembed =
      page.oembedUrl && (!page.title || !page.imageUrl || !page.siteName)
        ? await this.oembed(page.oembedUrl)
        : null;
    return {
      ...empty,
      canonicalUrl: page.canonicalUrl,
      title: page.title ?? oembed?.title ?? null,
      description: page.description,
      imageUrl: page.imageUrl ?? oembed?.imageUrl ?? null,
      siteName: page.siteName ?? oembed?.siteName ?? null,
    };
  }

  /** The oEmbed answer the page points at; any failure only means no oEmbed fields. */
  private async oembed(url: string) {
    try {
      const response = await this.fetch(url, this.policy(MAX_OEMBED_BYTES, LINK_PREVIEW_TIMEOUT_MS), {
        headers: { accept: 'application/json' },
      });
      return readOEmbed(decodeText(response), response.url);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.logger.debug({ code: error.code }, 'oEmbed not read');
      return null;
    }
  }

  /**
   * Fetches a picture and stores it as the organisation's media exactly as an upload is checked
   * (MediaService): the download stops at MEDIA_MAX_IMAGE_BYTES, and the type comes from the bytes.
   */
  async importImage(caller: Caller, url: string): Promise<MediaAssetDto> {
    const limit = this.media.maxImageBytes;
    let response: OutboundResponse;
    try {
      response = await this.fetch(url, this.policy(limit, LINK_IMAGE_TIMEOUT_MS), {
        headers: { accept: 'image/*' },
      });
    } catch (error) {
      if (error instanceof LinkPreviewRefusedError && error.code === 'link_preview.too_large') {
        throw new LinkImageRefusedError(new MediaTooLargeError('image', limit));
      }
      throw error;
    }
    const host = new URL(response.url).host;
    try {
      return await this.media.importBytes(caller, response.body, fileName(response.url), host);
    } catch (error) {
      if (error instanceof AppError && error.errors.some((e) => e.field === 'file')) {
        throw new LinkImageRefusedError(error);
      }
      throw error;
    }
  }
}

function fileName(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || 'link-image';
  } catch {
    return last || 'link-image';
  }
}

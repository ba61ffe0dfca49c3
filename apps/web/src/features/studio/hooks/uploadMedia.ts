import { ApiProblem } from '../../../api/problem';
import type { components } from '../../../api/schema';

export type MediaAsset = components['schemas']['MediaAssetDto'];

/**
 * Uploads one file to /api/media with XMLHttpRequest, the one browser API that reports upload
 * progress; `onProgress` receives 0..1. Rejects with an ApiProblem like the typed client does.
 */
export function uploadMedia(file: File, onProgress: (fraction: number) => void): Promise<MediaAsset> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/media');
    request.withCredentials = true;
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(ApiProblem.network(new TypeError('upload failed')));
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(request.response as MediaAsset);
        return;
      }
      const headers = new Headers({ 'content-type': request.getResponseHeader('content-type') ?? '' });
      reject(
        ApiProblem.fromResponse(
          request.response,
          new Response(null, { status: request.status, statusText: request.statusText, headers }),
        ),
      );
    };
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}

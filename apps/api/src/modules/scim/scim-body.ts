import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { SCIM_CONTENT_TYPE, scimErrorBody } from './scim.errors';

/** Where the SCIM routes live, outside /api: identity providers are told this base URL. */
export const SCIM_BASE_PATH = '/scim/v2';

/**
 * The SCIM routes' body parser, mounted before the global one: identity providers send
 * `application/scim+json` (Entra ID) or `application/json` (Okta), and a body that is not JSON must
 * answer in SCIM's error shape (400 `invalidSyntax`) rather than problem+json.
 */
export function scimBodyParser(limitBytes: number): RequestHandler {
  const parse = express.json({ limit: limitBytes, type: ['application/json', SCIM_CONTENT_TYPE] });
  return (request: Request, response: Response, next: NextFunction) =>
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      const [status, scimType, detail] =
        type === 'entity.parse.failed'
          ? [400, 'invalidSyntax' as const, 'The body is not valid JSON.']
          : type === 'entity.too.large'
            ? [413, undefined, 'The request body is larger than the server accepts.']
            : [415, undefined, 'The body encoding is not supported.'];
      response
        .status(status)
        .type(SCIM_CONTENT_TYPE)
        .send(JSON.stringify(scimErrorBody(status, scimType, detail)));
    });
}

// Every API error arrives as RFC 9457 problem+json; the web turns it into one typed error.

export interface FieldProblem {
  field: string;
  code: string;
  message?: string;
}

/** Codes the client itself produces when there is no problem+json to read. */
export const clientProblemCodes = {
  network: 'client.network',
  server: 'client.server',
  unknown: 'client.unknown',
} as const;

export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldProblem[] = [],
    readonly requestId?: string,
    /** Seconds to wait before trying again (Retry-After), when the API said so. */
    readonly retryAfterSeconds?: number,
    /** With `auth.sso_required`: where single sign-on starts (a path of this site). */
    readonly startUrl?: string,
  ) {
    super(`${status} ${code}: ${detail ?? title}`);
  }

  static fromResponse(body: unknown, response: Response): ApiProblem {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
    if (isProblemBody(body)) {
      return new ApiProblem(
        typeof body.status === 'number' ? body.status : response.status,
        body.code,
        typeof body.title === 'string' ? body.title : response.statusText,
        typeof body.detail === 'string' ? body.detail : undefined,
        Array.isArray(body.errors) ? body.errors.filter(isFieldProblem) : [],
        typeof body.requestId === 'string' ? body.requestId : undefined,
        retryAfterSeconds,
        typeof body.startUrl === 'string' && body.startUrl.startsWith('/api/auth/sso/start?')
          ? body.startUrl
          : undefined,
      );
    }
    // No problem+json (a proxy or a crash answered): say what we can from the status alone.
    const code = response.status >= 500 ? clientProblemCodes.server : clientProblemCodes.unknown;
    return new ApiProblem(
      response.status,
      code,
      response.statusText,
      undefined,
      [],
      undefined,
      retryAfterSeconds,
    );
  }

  static network(cause: unknown): ApiProblem {
    const problem = new ApiProblem(0, clientProblemCodes.network, 'Network error');
    (problem as { cause?: unknown }).cause = cause;
    return problem;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

function isProblemBody(body: unknown): body is {
  code: string;
  status?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: unknown[];
  requestId?: unknown;
  startUrl?: unknown;
} {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const { field, code } = value as { field?: unknown; code?: unknown };
  return typeof field === 'string' && typeof code === 'string';
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

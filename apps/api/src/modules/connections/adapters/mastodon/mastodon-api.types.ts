/**
 * The parts of Mastodon's REST entities the adapter reads, as the API documentation describes them
 * (docs.joinmastodon.org/entities): Application, Token, Account, Status, PreviewCard and
 * MediaAttachment. Fields Heimo does not read are left out; every field read is checked at run time.
 */

/** `POST /api/v1/apps` answers a CredentialApplication: the Application with its client credentials. */
export interface MastodonCredentialApplication {
  readonly id?: string;
  readonly name: string;
  readonly client_id: string;
  readonly client_secret: string;
  readonly scopes?: readonly string[];
  readonly redirect_uris?: readonly string[];
}

/** `POST /oauth/token`: the access token (Mastodon's tokens do not expire and have no refresh token). */
export interface MastodonToken {
  readonly access_token: string;
  readonly token_type: string;
  readonly scope: string;
  readonly created_at: number;
}

export interface MastodonAccount {
  readonly id: string;
  readonly username: string;
  /** `alice` for an account of the server itself, `alice@other.example` for a remote one. */
  readonly acct: string;
  readonly url: string;
  readonly followers_count: number;
}

export interface MastodonPreviewCard {
  readonly url: string;
  readonly title?: string;
}

export interface MastodonMediaAttachment {
  readonly id: string;
  readonly type: string;
  /** Null while the server is still processing the file (answered 202). */
  readonly url: string | null;
  readonly description: string | null;
}

export interface MastodonStatus {
  readonly id: string;
  readonly uri: string;
  readonly url: string | null;
  readonly created_at: string;
  /** HTML. */
  readonly content: string;
  readonly reblog: MastodonStatus | null;
  readonly card: MastodonPreviewCard | null;
  readonly media_attachments: readonly MastodonMediaAttachment[];
  readonly favourites_count: number;
  readonly reblogs_count: number;
  readonly replies_count: number;
  /** Mastodon 4.5 and later. */
  readonly quotes_count?: number;
}

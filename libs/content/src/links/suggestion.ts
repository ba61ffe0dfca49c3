import { MAX_SUGGESTION_NOTE_LENGTH } from '@heimo/domain';
import type { IssueParams, LinkIssueCode } from '../messages';
import { parseDestinationUrl } from './destination-url';

/** A field of a suggestion that breaks a rule: the web form and the API report the same codes. */
export type SuggestionIssue =
  /** The link, refused by {@link parseDestinationUrl} (`formatIssue` words it). */
  | { readonly field: 'url'; readonly code: LinkIssueCode; readonly params: IssueParams }
  | { readonly field: 'note'; readonly code: 'suggestion.note_too_long'; readonly params: IssueParams };

export type SuggestionCheck =
  | { readonly ok: true; readonly url: string; readonly host: string; readonly note: string }
  | { readonly ok: false; readonly issues: readonly SuggestionIssue[] };

/**
 * A member's suggested link and note, checked as a pack's destination is (http or https only, no
 * user name or password, at most `MAX_LINK_LENGTH` characters, a valid host), so an accepted
 * suggestion always makes a valid draft. The note is trimmed; at most `MAX_SUGGESTION_NOTE_LENGTH`.
 */
export function checkSuggestion(input: { url: unknown; note?: unknown }): SuggestionCheck {
  const issues: SuggestionIssue[] = [];
  const raw = typeof input.url === 'string' ? input.url.trim() : input.url;
  const parsed = parseDestinationUrl(raw);
  if (!parsed.ok) issues.push({ field: 'url', code: parsed.code, params: parsed.params });
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length > MAX_SUGGESTION_NOTE_LENGTH) {
    issues.push({
      field: 'note',
      code: 'suggestion.note_too_long',
      params: { length: note.length, limit: MAX_SUGGESTION_NOTE_LENGTH },
    });
  }
  if (!parsed.ok || issues.length) return { ok: false, issues };
  return { ok: true, url: parsed.url.href, host: parsed.url.host, note };
}

/** What another app shares into Heimo (Web Share Target, `GET /suggest?title&text&url`). */
export interface SharedData {
  readonly title?: string | null;
  readonly text?: string | null;
  readonly url?: string | null;
}

const SHARED_LINK = /\bhttps?:\/\/[^\s<>"']+/i;

/**
 * The suggestion form's first values from what another app shared: the `url` field, else the first
 * http(s) address in the text (apps differ: many put the link in `text`), and the title and the
 * rest of the text as the note, cut to `MAX_SUGGESTION_NOTE_LENGTH`. The link is not checked here:
 * the form checks it with `checkSuggestion` as if it were typed, so a `javascript:` or ftp link
 * shows the same error.
 */
export function suggestionFromSharedData(shared: SharedData): { url: string; note: string } {
  const text = (shared.text ?? '').trim();
  const given = (shared.url ?? '').trim();
  const found = given ? null : SHARED_LINK.exec(text);
  const url = given || (found ? found[0].replace(/[.,;:!?)\]]+$/, '') : '');
  const rest = found ? text.replace(found[0], ' ') : text;
  const parts = [(shared.title ?? '').trim(), rest.replace(/\s+/g, ' ').trim()].filter(
    (part, index, all) => part && all.indexOf(part) === index && part !== url,
  );
  const note = parts.join(' — ');
  return {
    url,
    note:
      note.length <= MAX_SUGGESTION_NOTE_LENGTH ? note : `${note.slice(0, MAX_SUGGESTION_NOTE_LENGTH - 1)}…`,
  };
}

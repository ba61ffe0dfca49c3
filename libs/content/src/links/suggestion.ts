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

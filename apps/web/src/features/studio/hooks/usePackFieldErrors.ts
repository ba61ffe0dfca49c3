// The save's field errors on the fields they belong to, in words about that field ("Give the pack
// a title"), so the alert's "marked below" holds: each pack field shows its own message.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../api/problem';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import type { PackForm } from '../components/packForm';

/** The pack fields the editor marks (variants are marked in their own tabs). */
export type MarkedField =
  | 'title'
  | 'summary'
  | 'destinationUrl'
  | 'hashtags'
  | 'audienceKinds'
  | 'audienceLocales'
  | 'audienceTeamIds'
  | 'mediaIds'
  | 'publishAt'
  | 'expireAt';

type FieldWords =
  | 'titleRequired'
  | 'titleTooLong'
  | 'summaryTooLong'
  | 'linkScheme'
  | 'linkInvalid'
  | 'hashtagInvalid'
  | 'publishAtPast'
  | 'expireAtPast'
  | 'expireBeforePublish'
  | 'scheduleTooFar'
  | 'audienceKindsRequired'
  | 'teamGone'
  | 'mediaGone';

/** Which words say what is wrong with a field, by the API's code (`link.*`: any link rule). */
const WORDS: Partial<Record<MarkedField, Readonly<Record<string, FieldWords>>>> = {
  title: { 'pack.title_required': 'titleRequired', 'validation.maxLength': 'titleTooLong' },
  summary: { 'validation.maxLength': 'summaryTooLong' },
  destinationUrl: { 'link.scheme_not_allowed': 'linkScheme', 'link.*': 'linkInvalid' },
  hashtags: { 'pack.hashtag_invalid': 'hashtagInvalid' },
  publishAt: { 'pack.publish_at_past': 'publishAtPast', 'pack.schedule_too_far': 'scheduleTooFar' },
  expireAt: {
    'pack.expire_at_past': 'expireAtPast',
    'pack.expire_before_publish': 'expireBeforePublish',
    'pack.schedule_too_far': 'scheduleTooFar',
  },
  audienceKinds: { 'validation.arrayMinSize': 'audienceKindsRequired' },
  audienceTeamIds: { 'team.not_found': 'teamGone' },
  mediaIds: { 'media.not_found': 'mediaGone' },
};

const headOf = (field: string) => field.split('.')[0] ?? field;

export function usePackFieldErrors(errors: readonly FieldProblem[], form: PackForm) {
  const { t } = useTranslation();
  const { describeField } = useProblemMessage();

  /** One error in words about its field, or undefined when the field has no words of its own for it. */
  const wordsFor = useCallback(
    (error: FieldProblem): string | undefined => {
      const head = headOf(error.field) as MarkedField;
      const words = WORDS[head];
      const family = `${error.code.split('.')[0] ?? ''}.*`;
      const key = words?.[error.code] ?? words?.[family];
      if (!key) return undefined;
      const index = Number(error.field.split('.')[1]);
      const tag = head === 'hashtags' && Number.isInteger(index) ? (form.hashtags[index] ?? '') : '';
      return t(`studio.fieldErrors.${key}`, { tag });
    },
    [t, form.hashtags],
  );

  /** One error in words about its field; the code's general words when the field has none of its own. */
  const describe = useCallback(
    (error: FieldProblem): string => wordsFor(error) ?? describeField(error.code),
    [wordsFor, describeField],
  );

  /** The message(s) for one pack field (`hashtags` gathers `hashtags.0`, `hashtags.3`, …). */
  const errorOf = useCallback(
    (field: MarkedField): string | undefined => {
      const found = errors.filter((error) => headOf(error.field) === field);
      if (!found.length) return undefined;
      return [...new Set(found.map(describe))].join(' ');
    },
    [errors, describe],
  );

  return { wordsFor, describe, errorOf };
}

export type PackFieldErrorOf = ReturnType<typeof usePackFieldErrors>['errorOf'];

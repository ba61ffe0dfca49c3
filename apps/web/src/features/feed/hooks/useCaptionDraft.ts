import { useCallback, useState } from 'react';
import { readDraft, writeDraft } from '../../../app/drafts';
import { useMember } from '../../auth/hooks/useMember';

/**
 * The caption being edited for one network of one pack. An edit is kept in the tab until it is
 * shared or undone, so that it survives a trip to the sign-in page when the session ends.
 */
export function useCaptionDraft(
  packId: string,
  network: string,
  original: string,
): [text: string, setText: (text: string) => void, forget: () => void] {
  const member = useMember();
  const key = `caption.${member.id}.${packId}.${network}`;
  const [text, setState] = useState(() => readDraft(key) ?? original);
  const setText = useCallback(
    (next: string) => {
      setState(next);
      writeDraft(key, next === original ? null : next);
    },
    [key, original],
  );
  const forget = useCallback(() => writeDraft(key, null), [key]);
  return [text, setText, forget];
}

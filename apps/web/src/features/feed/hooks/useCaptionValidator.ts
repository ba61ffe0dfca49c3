import type { validateEditedCaption } from '@heimo/content';
import { useCallback, useState } from 'react';

type ValidateEditedCaption = typeof validateEditedCaption;

export type CaptionValidator =
  | { readonly state: 'idle' | 'loading' | 'failed'; readonly validate: null }
  | { readonly state: 'ready'; readonly validate: ValidateEditedCaption };

// One download for the whole feed: every panel after the first finds the rule already here.
let loaded: ValidateEditedCaption | null = null;
let pending: Promise<ValidateEditedCaption> | null = null;

function loadValidator(): Promise<ValidateEditedCaption> {
  pending ??= import('../captionCheck').then(
    (module) => (loaded = module.validateEditedCaption),
    (error: unknown) => {
      pending = null; // the next edit tries again
      throw error;
    },
  );
  return pending;
}

/**
 * The live caption check, fetched the first time `load` is called (when a caption gets focus or
 * changes). Without it the API still checks the caption when it is shared.
 */
export function useCaptionValidator(): CaptionValidator & { load: () => void } {
  const [validator, setValidator] = useState<CaptionValidator>(() =>
    loaded ? { state: 'ready', validate: loaded } : { state: 'idle', validate: null },
  );
  const load = useCallback(() => {
    if (loaded) {
      const validate = loaded;
      setValidator((current) => (current.state === 'ready' ? current : { state: 'ready', validate }));
      return;
    }
    setValidator((current) => (current.state === 'loading' ? current : { state: 'loading', validate: null }));
    loadValidator().then(
      (validate) => setValidator({ state: 'ready', validate }),
      () => setValidator({ state: 'failed', validate: null }),
    );
  }, []);
  return { ...validator, load };
}

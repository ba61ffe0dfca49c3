// The pack editor's working copy: the form, the hashtags as typed, the variant tabs, live checks,
// saving (with the stale-version reload that keeps what was typed) and the state transitions.
import { firstNameOf } from '@heimo/content';
import {
  isFieldEditable,
  isPackEditable,
  packEditingNote,
  sendsBackToReview,
  type PackField,
} from '@heimo/domain';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { isApiProblem } from '../../../api/problem';
import { useMe } from '../../auth/hooks/useMe';
import { checkVariantLive, variantMedia } from '../components/liveCheck';
import {
  bodyFromForm,
  changedPackFields,
  emptyForm,
  formFromPack,
  mergeStaleForm,
  parseHashtags,
  variantKey,
  type Locale,
  type PackForm,
  type VariantDraft,
} from '../components/packForm';
import type { MediaAsset } from './uploadMedia';
import { usePackFieldErrors } from './usePackFieldErrors';
import { useCreatePack, useTransitionPack, useUpdatePack } from './usePacks';
import { useMediaAssets, useSharingRules } from './useSharingRules';
import type { Pack, PackAction } from '../types';

export type SetPackField = <K extends keyof PackForm>(key: K, value: PackForm[K]) => void;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const hashtagTextOf = (hashtags: readonly string[]) => hashtags.map((tag) => `#${tag}`).join(' ');

/**
 * `pack` is null for a new pack. `onReload` fetches the current pack after a stale save. The
 * editor is mounted once per pack (keyed by its id), so the initial state is read only once.
 */
export function usePackEditorForm(pack: Pack | null, onReload: () => Promise<Pack | null> | void) {
  const navigate = useNavigate();
  const [form, setForm] = useState<PackForm>(() => (pack ? formFromPack(pack) : emptyForm));
  const [hashtagText, setHashtagText] = useState(() => hashtagTextOf(form.hashtags));
  const [activeVariant, setActiveVariant] = useState<string | null>(form.variants[0]?.key ?? null);
  const [assets, setAssets] = useState<Record<string, MediaAsset>>({});
  const [saved, setSaved] = useState(false);
  /** After a stale save was reloaded: the fields both sides changed, [] when none. */
  const [merged, setMerged] = useState<string[] | null>(null);
  const create = useCreatePack();
  const update = useUpdatePack(pack?.id ?? '');
  const transition = useTransitionPack(pack?.id ?? '');
  const rules = useSharingRules();
  const save = pack ? update : create;
  // Whether some field may still change comes from the domain's editable-fields rule.
  const disabled = pack !== null && !isPackEditable(pack.status);
  // And which fields: a published pack takes only a new expiry, as the API enforces.
  const locked = (field: PackField) => pack !== null && !isFieldEditable(pack.status, field);
  const stale = isApiProblem(save.error) && save.error.code === 'pack.stale_version';
  const fieldErrors = isApiProblem(save.error) ? save.error.errors : [];
  // Each error on its own field, in words about that field.
  const {
    errorOf,
    wordsFor: fieldWords,
    describe: describeFieldError,
  } = usePackFieldErrors(fieldErrors, form);
  // What the state allows, said once above the form (the domain's rule, as the API holds it).
  const editingNote = pack ? packEditingNote(pack.status) : null;
  // An approved pack whose content is changed goes back to review when saved: said before saving.
  const backToReview =
    pack !== null &&
    sendsBackToReview(
      pack.status,
      changedPackFields(formFromPack(pack), { ...form, hashtags: parseHashtags(hashtagText) }),
    );

  // Any change makes the form dirty again: "Saved." and the merge note no longer hold.
  const set: SetPackField = (key, value) => {
    setSaved(false);
    setMerged(null);
    setForm((current) => ({ ...current, [key]: value }));
  };

  const setHashtags = (text: string) => {
    setHashtagText(text);
    set('hashtags', parseHashtags(text));
  };

  const setVariant = (key: string, next: VariantDraft) =>
    set(
      'variants',
      form.variants.map((variant) => (variant.key === key ? next : variant)),
    );

  /** Adds a variant and opens its tab; one that exists is only opened. True when one was added. */
  const addVariant = (network: string, locale: Locale): boolean => {
    const key = variantKey(network, locale);
    if (form.variants.some((variant) => variant.key === key)) {
      setActiveVariant(key);
      return false;
    }
    set('variants', [
      ...form.variants,
      { key, network, locale, captionTemplate: '', title: '', mediaIds: [] },
    ]);
    setActiveVariant(key);
    return true;
  };

  const removeVariant = (key: string) => {
    const rest = form.variants.filter((variant) => variant.key !== key);
    set('variants', rest);
    setActiveVariant(rest[0]?.key ?? null);
  };

  /** An upload just made: known at once, before the asset query would find it. */
  const rememberAsset = (asset: MediaAsset) => setAssets((current) => ({ ...current, [asset.id]: asset }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { ...bodyFromForm({ ...form, hashtags: parseHashtags(hashtagText) }) };
    if (!pack) {
      create.mutate(body, {
        onSuccess: (created) => void navigate(`/studio/packs/${created.id}`, { replace: true }),
      });
      return;
    }
    update.mutate(
      { ...body, version: pack.version },
      {
        onSuccess: (next) => {
          setForm(formFromPack(next));
          setSaved(true);
        },
      },
    );
  };

  // The current pack with this editor's own changes on top: nothing typed is lost.
  const reload = async () => {
    const base = pack ? formFromPack(pack) : null;
    const mine = { ...form, hashtags: parseHashtags(hashtagText) };
    const fresh = await onReload();
    if (fresh && base) {
      const result = mergeStaleForm(base, mine, formFromPack(fresh));
      setForm(result.form);
      if (!same(result.form.hashtags, mine.hashtags)) setHashtagText(hashtagTextOf(result.form.hashtags));
      setMerged([...result.conflicts]);
      setSaved(false);
    }
    save.reset();
  };

  /** Moves the pack on (submit, approve, reject with a comment…); the form then shows the pack as it is now. */
  const runTransition = (action: PackAction, comment: string | undefined, onSuccess: () => void) =>
    transition.mutate(
      { action, version: pack?.version ?? 0, ...(comment ? { comment } : {}) },
      {
        onSuccess: (next) => {
          onSuccess();
          setForm(formFromPack(next));
        },
      },
    );

  const stored = useMediaAssets([...form.mediaIds, ...form.variants.flatMap((variant) => variant.mediaIds)]);
  const known = useMemo(() => ({ ...stored, ...assets }), [stored, assets]);
  const imageUrlOf = (ids: string[]) =>
    ids.map((id) => (known[id]?.kind === 'image' ? known[id].url : undefined)).find(Boolean) ?? null;
  // Every tab checked as typed by the library function the API runs on save, with the same rules;
  // its preview is the caption the curator would post (their own first name).
  const me = useMe();
  const previewName = me.data ? firstNameOf(me.data.name) : null;
  const checks = useMemo(
    () =>
      form.variants.map((variant) =>
        checkVariantLive(variant, form, rules.data, variantMedia(variant, form, known), previewName),
      ),
    [form, rules.data, known, previewName],
  );

  return {
    form,
    set,
    hashtagText,
    setHashtags,
    disabled,
    locked,
    variants: {
      active: activeVariant,
      setActive: setActiveVariant,
      add: addVariant,
      remove: removeVariant,
      set: setVariant,
    },
    rememberAsset,
    imageUrlOf,
    checks,
    rules,
    save,
    submit,
    reload,
    stale,
    saved,
    merged,
    fieldErrors,
    errorOf,
    fieldWords,
    describeFieldError,
    editingNote,
    backToReview,
    transition,
    runTransition,
  };
}

export type PackEditorForm = ReturnType<typeof usePackEditorForm>;

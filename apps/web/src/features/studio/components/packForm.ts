// The editor's working copy of a pack and its conversion to and from the API's shapes.
import type { CreatePackBody, Pack } from '../types';

export type Locale = Pack['audienceLocales'][number];
export type MemberKind = Pack['audienceKinds'][number];

export interface VariantDraft {
  key: string;
  network: string;
  locale: Locale;
  captionTemplate: string;
  title: string;
  mediaIds: string[];
}

export interface PackForm {
  title: string;
  summary: string;
  destinationUrl: string;
  hashtags: string[];
  mediaIds: string[];
  allowCaptionEdit: boolean;
  audienceKinds: MemberKind[];
  audienceLocales: Locale[];
  audienceTeamIds: string[];
  /** `datetime-local` values (local time, no zone), '' for none. */
  publishAt: string;
  expireAt: string;
  variants: VariantDraft[];
}

export const LOCALES: readonly Locale[] = ['en', 'fi'];
export const MEMBER_KINDS: readonly MemberKind[] = ['employee', 'fan'];

export const emptyForm: PackForm = {
  title: '',
  summary: '',
  destinationUrl: '',
  hashtags: [],
  mediaIds: [],
  allowCaptionEdit: true,
  audienceKinds: ['employee'],
  audienceLocales: [],
  audienceTeamIds: [],
  publishAt: '',
  expireAt: '',
  variants: [],
};

export const variantKey = (network: string, locale: string) => `${network}:${locale}`;

/** An ISO instant as a `datetime-local` value in the browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** A `datetime-local` value as an ISO instant; '' is none, an unreadable value is passed on for the API to name. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function formFromPack(pack: Pack): PackForm {
  return {
    title: pack.title,
    summary: pack.summary,
    destinationUrl: pack.destinationUrl ?? '',
    hashtags: pack.hashtags,
    mediaIds: pack.mediaIds,
    allowCaptionEdit: pack.allowCaptionEdit,
    audienceKinds: pack.audienceKinds,
    audienceLocales: pack.audienceLocales,
    audienceTeamIds: pack.audienceTeamIds,
    publishAt: toLocalInput(pack.publishAt),
    expireAt: toLocalInput(pack.expireAt),
    variants: pack.variants.map((variant) => ({
      key: variantKey(variant.network, variant.locale),
      network: variant.network,
      locale: variant.locale,
      captionTemplate: variant.captionTemplate,
      title: variant.title ?? '',
      mediaIds: variant.mediaIds,
    })),
  };
}

/** Hashtags as typed: with or without '#', separated by spaces or commas. */
export function parseHashtags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#+/, ''))
    .filter(Boolean);
}

export function bodyFromForm(form: PackForm): CreatePackBody {
  return {
    title: form.title,
    summary: form.summary,
    destinationUrl: form.destinationUrl.trim() || null,
    hashtags: form.hashtags,
    mediaIds: form.mediaIds,
    allowCaptionEdit: form.allowCaptionEdit,
    audienceKinds: form.audienceKinds,
    audienceLocales: form.audienceLocales,
    audienceTeamIds: form.audienceTeamIds,
    publishAt: fromLocalInput(form.publishAt),
    expireAt: fromLocalInput(form.expireAt),
    variants: form.variants.map((variant) => ({
      network: variant.network,
      locale: variant.locale,
      captionTemplate: variant.captionTemplate,
      title: variant.title.trim() || null,
      mediaIds: variant.mediaIds,
    })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The pack fields `mine` changed against `base` (every form field is a pack field of the same name). */
export function changedPackFields(base: PackForm, mine: PackForm): (keyof PackForm)[] {
  return (Object.keys(base) as (keyof PackForm)[]).filter((key) => !same(base[key], mine[key]));
}

export interface MergedForm {
  readonly form: PackForm;
  /** Pack fields (`title`, …) and variant keys (`x:en`) both sides changed; the editor's version is kept. */
  readonly conflicts: readonly string[];
}

/**
 * After a stale save (409): the current pack with the editor's own changes on top, so nothing
 * typed is lost. A field (or a variant) the editor changed since `base` keeps the editor's value;
 * every other one takes the current pack's. Where both changed, the editor's value stays and the
 * field is named in `conflicts` for them to check before saving again.
 */
export function mergeStaleForm(base: PackForm, mine: PackForm, current: PackForm): MergedForm {
  const conflicts: string[] = [];
  const merged = { ...current };
  for (const key of Object.keys(current) as (keyof PackForm)[]) {
    if (key === 'variants' || same(mine[key], base[key])) continue;
    if (!same(current[key], base[key]) && !same(current[key], mine[key])) conflicts.push(key);
    (merged as Record<keyof PackForm, unknown>)[key] = mine[key];
  }
  const find = (form: PackForm, key: string) => form.variants.find((variant) => variant.key === key);
  const keys = [...new Set([...current.variants, ...mine.variants].map((variant) => variant.key))];
  const variants: VariantDraft[] = [];
  for (const key of keys) {
    const was = find(base, key);
    const ours = find(mine, key);
    const theirs = find(current, key);
    if (same(ours, was)) {
      if (theirs) variants.push(theirs);
      continue;
    }
    if (!same(theirs, was) && !same(theirs, ours)) conflicts.push(key);
    if (ours) variants.push(ours);
  }
  return { form: { ...merged, variants }, conflicts };
}

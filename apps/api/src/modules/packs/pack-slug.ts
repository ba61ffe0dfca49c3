const MAX_GENERATED_SLUG = 60;

/** `Kevään uutiset: 2026!` → `kevaan-uutiset-2026`; `pack` when nothing is left. */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_GENERATED_SLUG)
    .replace(/-+$/, '');
  return slug === '' ? 'pack' : slug;
}

/** `base`, or `base-2`, `base-3`, … whichever is not `taken` first. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

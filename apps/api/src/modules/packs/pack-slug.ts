import type { EntityManager } from 'typeorm';
import { likePattern } from '../../infra/http/keyset-page';

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

/**
 * Serialises slug choices within the organisation until the transaction ends, so two packs made at
 * once never pick the same slug (the unique index would refuse the second).
 */
export async function lockSlugs(manager: EntityManager, organisationId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`packs.slug:${organisationId}`]);
}

export async function slugTaken(
  manager: EntityManager,
  organisationId: string,
  slug: string,
  exceptPackId?: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    'SELECT 1 FROM packs WHERE organisation_id = $1 AND slug = $2 AND id IS DISTINCT FROM $3::uuid LIMIT 1',
    [organisationId, slug, exceptPackId ?? null],
  );
  return rows.length > 0;
}

/** `base`, or `base-2`, `base-3`, … whichever is free first. Call with the slugs locked. */
export async function uniqueSlug(
  manager: EntityManager,
  organisationId: string,
  base: string,
): Promise<string> {
  const rows: { slug: string }[] = await manager.query(
    `SELECT slug FROM packs WHERE organisation_id = $1 AND (slug = $2 OR slug LIKE $3)`,
    [organisationId, base, `${likePattern(base).slice(1, -1)}-%`],
  );
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

import type { Locale, MemberKind } from '../../members/entities/member.entity';

/** What the audience rules read of a member. */
export interface AudienceMember {
  readonly kind: MemberKind;
  readonly teamId: string | null;
  readonly locale: Locale;
}

/** A pack's audience as the curator set it. */
export interface PackAudience {
  readonly audienceTeamIds: readonly string[];
  readonly audienceKinds: readonly MemberKind[];
  readonly audienceLocales: readonly Locale[];
}

/**
 * Whether the pack is meant for the member: their kind is among the pack's kinds; an employee must be
 * in one of its teams when it names any (fans belong to no team, so teams never narrow them); their
 * locale must be among its locales when it names any. The feed's SQL ({@link audienceSql}) says the
 * same; the share command checks this one.
 */
export function isInAudience(pack: PackAudience, member: AudienceMember): boolean {
  if (!pack.audienceKinds.includes(member.kind)) return false;
  if (member.kind === 'employee' && pack.audienceTeamIds.length > 0) {
    if (member.teamId === null || !pack.audienceTeamIds.includes(member.teamId)) return false;
  }
  return pack.audienceLocales.length === 0 || pack.audienceLocales.includes(member.locale);
}

/**
 * {@link isInAudience} as SQL on `packs p`, with the member's kind, team id and locale as the
 * parameters named in `at` (1-based positions).
 */
export function audienceSql(at: { kind: number; teamId: number; locale: number }): string {
  return audienceCondition({
    kind: `$${at.kind}::text`,
    teamId: `$${at.teamId}::uuid`,
    locale: `$${at.locale}::text`,
  });
}

/**
 * {@link isInAudience} as SQL on `packs p` for any member expressions (parameters, or the columns
 * of `members m` where e-mail alerts pick their recipients).
 */
export function audienceCondition(member: { kind: string; teamId: string; locale: string }): string {
  // `= '{}'` rather than `cardinality(…) = 0`: the planner has statistics for the column, not for the
  // expression, and an underestimate here makes it sort the whole feed instead of reading the index.
  return `${member.kind} = ANY(p.audience_kinds)
      AND (${member.kind} <> 'employee' OR p.audience_team_ids = '{}'
           OR coalesce(${member.teamId} = ANY(p.audience_team_ids), false))
      AND (p.audience_locales = '{}' OR ${member.locale} = ANY(p.audience_locales))`;
}

/**
 * The locale a member sees a pack's variants in: their own when the pack has a variant in it on an
 * enabled network, else the organisation's default locale. One locale per pack, so the feed and the
 * share command agree on which variant a network's button shares.
 */
export function variantLocaleFor(
  variants: readonly { readonly network: string; readonly locale: string }[],
  enabledNetworks: ReadonlySet<string>,
  memberLocale: Locale,
  defaultLocale: Locale,
): Locale {
  const own = variants.some((v) => v.locale === memberLocale && enabledNetworks.has(v.network));
  return own ? memberLocale : defaultLocale;
}

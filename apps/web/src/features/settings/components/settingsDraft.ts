import {
  DEFAULT_DAILY_SUGGESTIONS,
  amountToMinor,
  cpmMinorProblem,
  isCurrencyCode,
  minorToAmount,
} from '@heimo/domain';
import type { OrganisationSettings, SettingsBody } from '../../../api/types';

/** What the settings form edits: the saved settings with blocked terms as lines of text. */
export interface SettingsDraft {
  name: string;
  timezone: string;
  defaultLocale: OrganisationSettings['defaultLocale'];
  /** What employees' and fans' captions carry: a hashtag or a short text. */
  disclosureEmployee: string;
  disclosureFan: string;
  disclosureRequired: boolean;
  blockedTerms: string;
  enabledNetworks: string[];
  points: OrganisationSettings['settings']['points'];
  fourEyesApproval: boolean;
  /** The earned-media currency (ISO 4217), as typed. */
  currency: string;
  /** Per network, its CPM in the currency's major units as typed; '' leaves the network at Heimo's estimate. */
  cpm: Record<string, number | string>;
  /** Training modules every advocate must pass before sharing. */
  requiredTrainingModuleIds: string[];
  requireTwoStepForAdmins: boolean;
  dailyCreditedShares: number;
  audienceCeiling: number;
  fanBoard: NonNullable<OrganisationSettings['settings']['fanBoard']>;
  fanSuggestions: boolean;
  dailySuggestions: number;
  /** Advocates may have Heimo post a share through their connected account. */
  postForMe: boolean;
  /** What a share on a connected network with no post found in 48 hours keeps. */
  unverifiedSharePolicy: NonNullable<OrganisationSettings['settings']['unverifiedSharePolicy']>;
}

export function toDraft(saved: OrganisationSettings): SettingsDraft {
  return {
    name: saved.name,
    timezone: saved.timezone,
    defaultLocale: saved.defaultLocale,
    disclosureEmployee: saved.settings.disclosure.employee,
    disclosureFan: saved.settings.disclosure.fan,
    disclosureRequired: saved.settings.disclosure.required,
    blockedTerms: saved.settings.blockedTerms.join('\n'),
    enabledNetworks: [...saved.settings.enabledNetworks],
    points: { ...saved.settings.points },
    fourEyesApproval: saved.settings.fourEyesApproval,
    currency: saved.settings.earnedMedia.currency,
    cpm: Object.fromEntries(
      saved.settings.earnedMedia.rates.map((rate) => [
        rate.network,
        minorToAmount(rate.cpmMinor, saved.settings.earnedMedia.currency),
      ]),
    ),
    requiredTrainingModuleIds: [...saved.settings.requiredTrainingModuleIds],
    requireTwoStepForAdmins: saved.settings.requireTwoStepForAdmins ?? false,
    dailyCreditedShares: saved.settings.dailyCreditedShares ?? 10,
    audienceCeiling: saved.settings.audienceCeiling ?? 50_000,
    fanBoard: saved.settings.fanBoard ?? 'fans_only',
    fanSuggestions: saved.settings.fanSuggestions ?? false,
    dailySuggestions: saved.settings.dailySuggestions ?? DEFAULT_DAILY_SUGGESTIONS,
    postForMe: saved.settings.postForMe ?? false,
    unverifiedSharePolicy: saved.settings.unverifiedSharePolicy ?? 'keep',
  };
}

export type DraftProblem =
  'currency' | 'cpm_not_amount' | 'cpm_too_precise' | 'cpm_negative' | 'cpm_too_large';

/**
 * What the form refuses before sending, by field (`currency`, `cpm.<network>`), with the rules of
 * @heimo/domain the API applies too. Empty when the draft can be sent.
 */
export function draftProblems(draft: SettingsDraft): Record<string, DraftProblem> {
  const problems: Record<string, DraftProblem> = {};
  const currency = draft.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) problems['currency'] = 'currency';
  for (const [network, typed] of Object.entries(draft.cpm)) {
    if (typed === '') continue;
    const amount = typeof typed === 'number' ? typed : Number(typed.replace(',', '.'));
    if (!Number.isFinite(amount)) {
      problems[`cpm.${network}`] = 'cpm_not_amount';
      continue;
    }
    if (amount < 0) {
      problems[`cpm.${network}`] = 'cpm_negative';
      continue;
    }
    if (problems['currency']) continue; // the digits depend on the currency
    const minor = amountToMinor(amount, currency);
    const problem = minor === null ? 'not_integer' : cpmMinorProblem(minor);
    if (problem === 'not_integer') problems[`cpm.${network}`] = 'cpm_too_precise';
    else if (problem === 'too_large') problems[`cpm.${network}`] = 'cpm_too_large';
    else if (problem === 'negative') problems[`cpm.${network}`] = 'cpm_negative';
  }
  return problems;
}

/** The networks of the rates `toBody` sends, in its order: the API names a rate by its index. */
export function rateNetworks(draft: SettingsDraft): string[] {
  return Object.entries(draft.cpm)
    .filter(([, typed]) => typed !== '')
    .map(([network]) => network);
}

type NetworkId = OrganisationSettings['settings']['enabledNetworks'][number];

/** The PUT body: the draft over the base it was made from; what the form does not edit is sent back as loaded. */
export function toBody(
  draft: SettingsDraft,
  base: OrganisationSettings,
  latest: OrganisationSettings,
): SettingsBody {
  // The fan-programme switch on the same page also moves the version; that alone is no conflict.
  const onlyFanSwitchMoved = latest.version !== base.version && sameApartFromFanSwitch(base, latest);
  const against = onlyFanSwitchMoved ? latest : base;
  return {
    version: against.version,
    name: draft.name.trim(),
    timezone: draft.timezone,
    defaultLocale: draft.defaultLocale,
    settings: {
      ...against.settings,
      disclosure: {
        required: draft.disclosureRequired,
        employee: draft.disclosureEmployee.trim(),
        fan: draft.disclosureFan.trim(),
      },
      blockedTerms: draft.blockedTerms
        .split('\n')
        .map((term) => term.trim())
        .filter(Boolean),
      enabledNetworks: draft.enabledNetworks as NetworkId[],
      points: draft.points,
      fourEyesApproval: draft.fourEyesApproval,
      earnedMedia: earnedMediaBody(draft),
      requiredTrainingModuleIds: draft.requiredTrainingModuleIds,
      requireTwoStepForAdmins: draft.requireTwoStepForAdmins,
      dailyCreditedShares: draft.dailyCreditedShares,
      audienceCeiling: draft.audienceCeiling,
      fanBoard: draft.fanBoard,
      fanSuggestions: draft.fanSuggestions,
      dailySuggestions: draft.dailySuggestions,
      postForMe: draft.postForMe,
      unverifiedSharePolicy: draft.unverifiedSharePolicy,
    },
  };
}

function earnedMediaBody(draft: SettingsDraft): SettingsBody['settings']['earnedMedia'] {
  const currency = draft.currency.trim().toUpperCase();
  return {
    currency,
    rates: rateNetworks(draft).map((network) => {
      const typed = draft.cpm[network] ?? '';
      const amount = typeof typed === 'number' ? typed : Number(typed.replace(',', '.'));
      return { network: network as NetworkId, cpmMinor: amountToMinor(amount, currency) ?? Number.NaN };
    }),
  };
}

function sameApartFromFanSwitch(a: OrganisationSettings, b: OrganisationSettings): boolean {
  const comparable = ({ name, timezone, defaultLocale, settings }: OrganisationSettings) =>
    JSON.stringify({ name, timezone, defaultLocale, settings: { ...settings, fanProgrammeOpen: null } });
  return comparable(a) === comparable(b);
}

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
  dailyCreditedShares: number;
  audienceCeiling: number;
  fanBoard: NonNullable<OrganisationSettings['settings']['fanBoard']>;
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
    dailyCreditedShares: saved.settings.dailyCreditedShares ?? 10,
    audienceCeiling: saved.settings.audienceCeiling ?? 50_000,
    fanBoard: saved.settings.fanBoard ?? 'fans_only',
  };
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
      dailyCreditedShares: draft.dailyCreditedShares,
      audienceCeiling: draft.audienceCeiling,
      fanBoard: draft.fanBoard,
    },
  };
}

function sameApartFromFanSwitch(a: OrganisationSettings, b: OrganisationSettings): boolean {
  const comparable = ({ name, timezone, defaultLocale, settings }: OrganisationSettings) =>
    JSON.stringify({ name, timezone, defaultLocale, settings: { ...settings, fanProgrammeOpen: null } });
  return comparable(a) === comparable(b);
}

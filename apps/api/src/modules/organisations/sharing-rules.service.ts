import { Inject, Injectable } from '@nestjs/common';
import { NETWORK_IDS } from '@heimo/domain';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { LOCALES, type Locale } from '../members/entities/member.entity';
import type { SharingRulesDto } from './dto/sharing-rules.dto';
import { mergeSettings } from './organisation-settings.defaults';
import { OrganisationNotFoundError } from './organisations.errors';
import { OrganisationsRepository } from './organisations.repository';

/** The part of the organisation's rules every member's captions are checked against. */
@Injectable()
export class SharingRulesService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(organisationId: string): Promise<SharingRulesDto> {
    const organisation = await this.organisations.findLocaleAndSettings(organisationId);
    if (!organisation) throw new OrganisationNotFoundError();
    const settings = mergeSettings(organisation.settings);
    const enabled = new Set(settings.enabledNetworks);
    const defaultLocale = (LOCALES as readonly string[]).includes(organisation.defaultLocale)
      ? (organisation.defaultLocale as Locale)
      : 'en';
    return {
      enabledNetworks: NETWORK_IDS.filter((id) => enabled.has(id)),
      defaultLocale,
      locales: [...LOCALES],
      compliance: {
        disclosures: {
          employee: settings.disclosure.employee || null,
          fan: settings.disclosure.fan || null,
        },
        disclosureHashtag: settings.disclosure.employee || null,
        disclosureRequired: settings.disclosure.required,
        blockedTerms: [...settings.blockedTerms],
      },
      linkBaseUrl: this.config.publicUrl,
      postForMe: settings.postForMe,
    };
  }
}

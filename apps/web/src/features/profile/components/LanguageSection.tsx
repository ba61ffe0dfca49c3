import { Skeleton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../app/i18n/LanguageSwitch';
import { useMe } from '../../auth/hooks/useMe';
import { useSaveMemberLanguage } from '../hooks/useMemberLanguage';
import { PreferenceSection } from './PreferenceSection';

/** The member's language, kept in their profile: the web client on any browser and e-mails use it. */
export function LanguageSection() {
  const { t } = useTranslation();
  const me = useMe();
  const save = useSaveMemberLanguage();
  return (
    <PreferenceSection
      id="language-heading"
      title={t('profile.language.title')}
      intro={t('profile.language.intro')}
      load={me}
      loadFailed={t('profile.language.loadFailed')}
      save={save}
      saveFailed={t('profile.language.saveFailed')}
      skeleton={<Skeleton h={44} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />}
    >
      {me.data ? <LanguageSwitch onChoose={(language) => save.mutate(language)} /> : null}
    </PreferenceSection>
  );
}

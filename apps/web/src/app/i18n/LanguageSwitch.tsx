import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage } from './i18n';
import classes from './LanguageSwitch.module.css';
import { isLanguage, type Language, languages } from './resources';

interface LanguageSwitchProps {
  fullWidth?: boolean;
  /** Signed in: saves the choice to the member's profile (and applies it). Else it stays in this browser. */
  onChoose?: (language: Language) => void;
}

/** Switches the language and remembers the choice. Each language is named in itself. */
export function LanguageSwitch({ fullWidth = false, onChoose }: LanguageSwitchProps) {
  const { t } = useTranslation(); // re-renders when the language changes
  return (
    <SegmentedControl
      role="radiogroup"
      aria-label={t('languages.label')}
      size="sm"
      fullWidth={fullWidth}
      classNames={{ label: classes.label }}
      value={currentLanguage()}
      onChange={(value) => {
        if (!isLanguage(value)) return;
        if (onChoose) onChoose(value);
        else void chooseLanguage(value);
      }}
      data={languages.map((language) => ({
        value: language,
        label: <span lang={language}>{t(`languages.${language}`)}</span>,
      }))}
    />
  );
}

import { List, Text } from '@mantine/core';
import { formatIssue, isMessageLocale, type CaptionCheck } from '@heimo/content';
import { useTranslation } from 'react-i18next';

/** The live count against the network's limit and, in words, every rule the caption breaks. */
export function CaptionCheckView({ check, id }: { check: CaptionCheck; id: string }) {
  const { t, i18n } = useTranslation();
  const locale = isMessageLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const over = check.remaining < 0;
  return (
    <div id={id}>
      <Text
        size="sm"
        fw={600}
        c={over ? 'red' : 'dimmed'}
        data-testid="caption-counter"
        data-over={over ? 'true' : 'false'}
        aria-live="polite"
      >
        {t('feed.caption.counter', { length: check.length, limit: check.limit })}
      </Text>
      {check.issues.length > 0 ? (
        <List size="sm" c="red" mt={4} aria-label={t('feed.caption.issues')}>
          {check.issues.map((issue) => (
            <List.Item key={`${issue.code}-${JSON.stringify(issue.params)}`}>
              {formatIssue(issue, locale)}
            </List.Item>
          ))}
        </List>
      ) : null}
    </div>
  );
}

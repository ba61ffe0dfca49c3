import {
  Alert,
  Button,
  Fieldset,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { currentLanguage } from '../../../app/i18n/i18n';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { landingPath } from '../../../app/navigation';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { PASSWORD_MIN_LENGTH, PasswordRules } from '../../people/components/PasswordRules';
import { PublicFormCard } from '../../people/components/PublicFormCard';
import { useCompleteSetup, useSetupStatus } from '../hooks/useSetup';

type Field = 'organisationName' | 'timezone' | 'locale' | 'name' | 'email' | 'password';
export const FALLBACK_TIMEZONE = 'Europe/Helsinki';
/** The two groups' legends read as headings above their fields' labels. */
export const LEGEND = {
  legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)', marginBottom: 4 },
};

/** This browser's time zone when the list knows it, else Helsinki's. */
export function browserTimezone(known: readonly string[]): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && known.includes(zone) ? zone : FALLBACK_TIMEZONE;
}

/**
 * `/setup?token=…`: the first run. The server prints this link while it has no organisation; the
 * form creates the organisation and its first admin, who is then signed in.
 */
export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('setup.title') }));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useSetupStatus();
  const setup = useCompleteSetup();
  const { fieldError } = useProblemMessage();
  const timezones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    organisationName: '',
    timezone: browserTimezone(timezones),
    locale: currentLanguage(),
    name: '',
    email: '',
    password: '',
  }));
  const [hints, setHints] = useState<Partial<Record<Field, string>>>({});

  if (setup.data) return <Navigate to={landingPath(setup.data.roles)} replace />;

  if (status.isPending) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('setup.checking')}>
          <Stack gap="md" aria-hidden>
            <Skeleton h={44} />
            <Skeleton h={44} />
            <Skeleton h={44} />
            <Skeleton h={48} />
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  if (status.isError) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('setup.title')}>
          <ProblemAlert error={status.error} title={t('setup.failed')} />
        </PublicFormCard>
      </PublicLayout>
    );
  }

  if (!status.data.open || !token) {
    const done = !status.data.open;
    return (
      <PublicLayout>
        <PublicFormCard heading={done ? t('setup.doneTitle') : t('setup.title')}>
          <Stack gap="md">
            <Alert color={done ? 'blue' : 'yellow'} role="status">
              <Text size="sm">{done ? t('setup.done') : t('setup.noToken')}</Text>
            </Alert>
            {done ? (
              <Button component={Link} to="/login" size="lg">
                {t('setup.toSignIn')}
              </Button>
            ) : null}
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  const change = (field: Field) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setHints(({ [field]: _cleared, ...rest }) => rest);
  };
  const typed = (field: Field) => (event: { currentTarget: { value: string } }) =>
    change(field)(event.currentTarget.value);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!values.organisationName.trim()) found.organisationName = t('setup.organisationNameRequired');
    if (!values.name.trim()) found.name = t('setup.nameRequired');
    const email = values.email.trim();
    if (!email) found.email = t('setup.emailRequired');
    else if (!/^\S+@\S+$/.test(email)) found.email = t('setup.emailInvalid');
    if ([...values.password].length < PASSWORD_MIN_LENGTH)
      found.password = t('password.tooShort', { count: PASSWORD_MIN_LENGTH });
    setHints(found);
    if (Object.keys(found).length) return;
    setup.mutate({
      token,
      organisationName: values.organisationName.trim(),
      timezone: values.timezone,
      locale: values.locale === 'fi' ? 'fi' : 'en',
      name: values.name.trim(),
      email,
      password: values.password,
    });
  };
  const error = (field: Field) => hints[field] ?? fieldError(setup.error, field);

  return (
    <PublicLayout>
      <PublicFormCard heading={t('setup.heading')} intro={t('setup.intro')}>
        <form noValidate onSubmit={submit}>
          <Stack gap="lg">
            {setup.isError ? <ProblemAlert error={setup.error} title={t('setup.failed')} /> : null}
            <Fieldset legend={t('setup.organisation')} variant="unstyled" styles={LEGEND}>
              <Stack gap="md">
                <TextInput
                  size="lg"
                  label={t('setup.organisationName')}
                  name="organisationName"
                  autoComplete="organization"
                  maxLength={120}
                  required
                  withAsterisk={false}
                  value={values.organisationName}
                  onChange={typed('organisationName')}
                  error={error('organisationName')}
                />
                <Select
                  size="lg"
                  label={t('setup.timezone')}
                  description={t('setup.timezoneHint')}
                  name="timezone"
                  searchable
                  allowDeselect={false}
                  limit={50}
                  data={timezones}
                  value={values.timezone}
                  onChange={(value) => value && change('timezone')(value)}
                  error={error('timezone')}
                />
                <Select
                  size="lg"
                  label={t('setup.locale')}
                  description={t('setup.localeHint')}
                  name="locale"
                  allowDeselect={false}
                  data={[
                    { value: 'en', label: t('languages.en') },
                    { value: 'fi', label: t('languages.fi') },
                  ]}
                  value={values.locale}
                  onChange={(value) => value && change('locale')(value)}
                  error={error('locale')}
                />
              </Stack>
            </Fieldset>
            <Fieldset legend={t('setup.admin')} variant="unstyled" styles={LEGEND}>
              <Stack gap="md">
                <TextInput
                  size="lg"
                  label={t('setup.name')}
                  name="name"
                  autoComplete="name"
                  required
                  withAsterisk={false}
                  value={values.name}
                  onChange={typed('name')}
                  error={error('name')}
                />
                <TextInput
                  size="lg"
                  label={t('setup.email')}
                  type="email"
                  name="email"
                  autoComplete="email"
                  inputMode="email"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  withAsterisk={false}
                  value={values.email}
                  onChange={typed('email')}
                  error={error('email')}
                />
                <PasswordInput
                  size="lg"
                  label={t('setup.password')}
                  name="password"
                  autoComplete="new-password"
                  required
                  withAsterisk={false}
                  visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
                  vars={() => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } })}
                  aria-describedby="password-rules"
                  value={values.password}
                  onChange={typed('password')}
                  error={error('password')}
                />
                <PasswordRules id="password-rules" />
              </Stack>
            </Fieldset>
            <Button type="submit" size="lg" fullWidth loading={setup.isPending}>
              {setup.isPending ? t('setup.creating') : t('setup.submit')}
            </Button>
          </Stack>
        </form>
      </PublicFormCard>
    </PublicLayout>
  );
}

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
import { ApiProblem } from '../../../api/problem';
import { currentLanguage } from '../../../app/i18n/i18n';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { landingPath } from '../../../app/navigation';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { PASSWORD_MIN_LENGTH, PasswordRules } from '../../people/components/PasswordRules';
import { PublicFormCard } from '../../people/components/PublicFormCard';
import { useConfirmOrganisationSignup, useRequestOrganisationSignup } from '../hooks/useOrganisationSignup';
import { useSetupStatus } from '../hooks/useSetup';
import { browserTimezone, LEGEND } from './SetupPage';

const EMAIL_SHAPE = /^\S+@\S+$/;

/**
 * `/signup-organisation`: creating a further organisation, when the server allows it
 * (ALLOW_ORGANISATION_SIGNUP). Without a token it asks for an address and e-mails a link; the
 * link (`?token=…`) opens the form that creates the organisation and signs its first admin in.
 */
export function OrganisationSignupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('organisationSignup.title') }));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useSetupStatus();

  if (status.isPending) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('organisationSignup.title')}>
          <Stack gap="md" aria-hidden>
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
        <PublicFormCard heading={t('organisationSignup.title')}>
          <ProblemAlert error={status.error} title={t('organisationSignup.requestFailed')} />
        </PublicFormCard>
      </PublicLayout>
    );
  }
  if (!status.data.signupOpen) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('organisationSignup.offTitle')}>
          <Stack gap="md">
            <Alert color="blue" role="status">
              <Text size="sm">{t('organisationSignup.off')}</Text>
            </Alert>
            <Button component={Link} to="/login" size="lg">
              {t('organisationSignup.toSignIn')}
            </Button>
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }
  return <PublicLayout>{token ? <ConfirmForm token={token} /> : <RequestForm />}</PublicLayout>;
}

function RequestForm() {
  const { t } = useTranslation();
  const requested = useRequestOrganisationSignup();
  const [email, setEmail] = useState('');
  const [hint, setHint] = useState<string | undefined>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { fieldError } = useProblemMessage();

  if (sentTo) {
    return (
      <PublicFormCard heading={t('organisationSignup.sentHeading')}>
        <Stack gap="md">
          <Alert color="green" role="status">
            <Text size="sm">{t('organisationSignup.sent', { email: sentTo })}</Text>
          </Alert>
          <Text size="sm" c="dimmed">
            {t('organisationSignup.sentHint')}
          </Text>
          <Button
            variant="default"
            size="lg"
            onClick={() => {
              requested.reset();
              setSentTo(null);
            }}
          >
            {t('organisationSignup.sendAgain')}
          </Button>
        </Stack>
      </PublicFormCard>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    const found = !address
      ? t('organisationSignup.emailRequired')
      : EMAIL_SHAPE.test(address)
        ? undefined
        : t('organisationSignup.emailInvalid');
    setHint(found);
    if (found) return;
    requested.mutate(
      { email: address, locale: currentLanguage() === 'fi' ? 'fi' : 'en' },
      { onSuccess: () => setSentTo(address) },
    );
  };

  return (
    <PublicFormCard
      heading={t('organisationSignup.requestHeading')}
      intro={t('organisationSignup.requestIntro')}
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="lg">
          {requested.isError ? (
            <ProblemAlert error={requested.error} title={t('organisationSignup.requestFailed')} />
          ) : null}
          <TextInput
            size="lg"
            label={t('organisationSignup.email')}
            type="email"
            name="email"
            autoComplete="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            withAsterisk={false}
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              setHint(undefined);
            }}
            error={hint ?? fieldError(requested.error, 'email')}
          />
          <Button type="submit" size="lg" fullWidth loading={requested.isPending}>
            {requested.isPending ? t('organisationSignup.sending') : t('organisationSignup.send')}
          </Button>
          <Button component={Link} to="/login" variant="subtle" fullWidth h={44}>
            {t('organisationSignup.toSignIn')}
          </Button>
        </Stack>
      </form>
    </PublicFormCard>
  );
}

type Field = 'organisationName' | 'timezone' | 'locale' | 'name' | 'password';

function ConfirmForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const confirm = useConfirmOrganisationSignup();
  const { fieldError } = useProblemMessage();
  const timezones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    organisationName: '',
    timezone: browserTimezone(timezones),
    locale: currentLanguage(),
    name: '',
    password: '',
  }));
  const [hints, setHints] = useState<Partial<Record<Field, string>>>({});

  if (confirm.data) return <Navigate to={landingPath(confirm.data.roles)} replace />;

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
    if ([...values.password].length < PASSWORD_MIN_LENGTH)
      found.password = t('password.tooShort', { count: PASSWORD_MIN_LENGTH });
    setHints(found);
    if (Object.keys(found).length) return;
    confirm.mutate({
      token,
      organisationName: values.organisationName.trim(),
      timezone: values.timezone,
      locale: values.locale === 'fi' ? 'fi' : 'en',
      name: values.name.trim(),
      password: values.password,
    });
  };
  const error = (field: Field) => hints[field] ?? fieldError(confirm.error, field);

  return (
    <PublicFormCard
      heading={t('organisationSignup.confirmHeading')}
      intro={t('organisationSignup.confirmIntro')}
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="lg">
          {confirm.isError ? <ProblemAlert error={confirm.error} title={t('setup.failed')} /> : null}
          {confirm.isError && fieldError(confirm.error, 'token') ? (
            // A used link made the organisation already; an expired or unknown one needs a new link.
            confirm.error instanceof ApiProblem && confirm.error.code === 'organisation_signup.used' ? (
              <Button component={Link} to="/login" variant="default" size="lg">
                {t('organisationSignup.toSignIn')}
              </Button>
            ) : (
              <Button component={Link} to="/signup-organisation" variant="default" size="lg" reloadDocument>
                {t('organisationSignup.askAgain')}
              </Button>
            )
          ) : null}
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
          <Button type="submit" size="lg" fullWidth loading={confirm.isPending}>
            {confirm.isPending ? t('setup.creating') : t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </PublicFormCard>
  );
}

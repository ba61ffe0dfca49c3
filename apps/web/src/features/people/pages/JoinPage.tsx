import { Alert, Button, PasswordInput, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { currentLanguage } from '../../../app/i18n/i18n';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { useJoin } from '../hooks/useJoin';
import { useJoinInfo } from '../hooks/useJoinInfo';
import { PASSWORD_MIN_LENGTH, PasswordRules } from '../components/PasswordRules';
import { PublicFormCard } from '../components/PublicFormCard';

type Field = 'email' | 'name' | 'password';

/**
 * `/join/:code`: the fan-programme sign-up. Every address gets the same answer, "check your e-mail":
 * a new one a confirmation link, a member's a reset link.
 */
export function JoinPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('join.title') }));
  const { code = '' } = useParams();
  const info = useJoinInfo(code);
  const join = useJoin(code);
  const { fieldError } = useProblemMessage();
  const [values, setValues] = useState<Record<Field, string>>({ email: '', name: '', password: '' });
  const [hints, setHints] = useState<Partial<Record<Field, string>>>({});

  if (join.isSuccess) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('join.sentTitle')}>
          <Alert color="green" role="status">
            <Text size="sm">{t('join.sent', { email: values.email.trim() })}</Text>
          </Alert>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  if (info.isPending) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('join.checking')}>
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

  if (info.isError) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('join.closedTitle')}>
          <ProblemAlert error={info.error} title={t('join.closedTitle')} />
        </PublicFormCard>
      </PublicLayout>
    );
  }

  const organisation = info.data.organisationName;
  const change = (field: Field) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
    setHints(({ [field]: _cleared, ...rest }) => rest);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const email = values.email.trim();
    if (!email) found.email = t('join.emailRequired');
    else if (!/^\S+@\S+$/.test(email)) found.email = t('join.emailInvalid');
    if (!values.name.trim()) found.name = t('join.nameRequired');
    if ([...values.password].length < PASSWORD_MIN_LENGTH)
      found.password = t('password.tooShort', { count: PASSWORD_MIN_LENGTH });
    setHints(found);
    if (Object.keys(found).length) return;
    join.mutate({ email, name: values.name.trim(), password: values.password, locale: currentLanguage() });
  };
  const error = (field: Field) => hints[field] ?? fieldError(join.error, field);

  return (
    <PublicLayout>
      <PublicFormCard heading={t('join.heading', { organisation })} intro={t('join.intro', { organisation })}>
        <form noValidate onSubmit={submit}>
          <Stack gap="md">
            {join.isError ? <ProblemAlert error={join.error} title={t('join.failed')} /> : null}
            <TextInput
              size="lg"
              label={t('join.email')}
              type="email"
              name="email"
              autoComplete="email"
              inputMode="email"
              autoCapitalize="none"
              spellCheck={false}
              required
              withAsterisk={false}
              value={values.email}
              onChange={change('email')}
              error={error('email')}
            />
            <TextInput
              size="lg"
              label={t('join.name')}
              name="name"
              autoComplete="name"
              required
              withAsterisk={false}
              value={values.name}
              onChange={change('name')}
              error={error('name')}
            />
            <PasswordInput
              size="lg"
              label={t('join.password')}
              name="password"
              autoComplete="new-password"
              required
              withAsterisk={false}
              visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
              vars={() => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } })}
              aria-describedby="password-rules"
              value={values.password}
              onChange={change('password')}
              error={error('password')}
            />
            <PasswordRules id="password-rules" />
            <Button type="submit" size="lg" fullWidth loading={join.isPending}>
              {t('join.submit')}
            </Button>
          </Stack>
        </form>
      </PublicFormCard>
    </PublicLayout>
  );
}

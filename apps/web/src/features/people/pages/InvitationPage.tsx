import { Button, PasswordInput, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { landingPath } from '../../../app/navigation';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { useAcceptInvitation } from '../hooks/useAcceptInvitation';
import { useInvitationPreview } from '../hooks/useInvitationPreview';
import { PASSWORD_MIN_LENGTH, PasswordRules } from '../components/PasswordRules';
import { PublicFormCard } from '../components/PublicFormCard';
import { ProviderLinkButton } from '../../auth/components/ProviderLinkButton';

/** `/invite/:token`: who the invitation is for, then name and password; accepting signs in. */
export function InvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('invitation.title') }));
  const { token = '' } = useParams();
  const format = useFormat();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const { fieldError } = useProblemMessage();
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [hints, setHints] = useState<{ name?: string; password?: string }>({});

  if (accept.data) return <Navigate to={landingPath(accept.data.roles)} replace />;

  if (preview.isPending) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('invitation.checking')}>
          <Stack gap="md" aria-hidden>
            <Skeleton h={20} w="70%" />
            <Skeleton h={44} />
            <Skeleton h={44} />
            <Skeleton h={48} />
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  if (preview.isError) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('invitation.unusableTitle')}>
          <Stack gap="md">
            <ProblemAlert error={preview.error} title={t('invitation.unusableTitle')}>
              <Text size="sm" mt={4}>
                {t('invitation.askAdmin')}
              </Text>
            </ProblemAlert>
            <Button component={Link} to="/login" variant="light">
              {t('invitation.toSignIn')}
            </Button>
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  const invitation = preview.data;
  const shownName = name ?? invitation.name;

  // The address must sign in through the organisation's identity provider: no password is set here;
  // signing in there accepts the invitation.
  if (invitation.singleSignOnUrl) {
    return (
      <PublicLayout>
        <PublicFormCard
          heading={t('invitation.heading', { organisation: invitation.organisationName })}
          intro={t('invitation.ssoIntro', { email: invitation.email })}
        >
          <Stack gap="md">
            <ProviderLinkButton href={invitation.singleSignOnUrl}>
              {t('invitation.ssoSubmit')}
            </ProviderLinkButton>
            <Text size="xs" c="dimmed">
              {t('invitation.expires', { date: format.dateTime(new Date(invitation.expiresAt)) })}
            </Text>
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof hints = {};
    if (!shownName.trim()) found.name = t('invitation.nameRequired');
    if ([...password].length < PASSWORD_MIN_LENGTH)
      found.password = t('password.tooShort', { count: PASSWORD_MIN_LENGTH });
    setHints(found);
    if (found.name || found.password) return;
    accept.mutate({ token, name: shownName.trim(), password });
  };

  return (
    <PublicLayout>
      <PublicFormCard
        heading={t('invitation.heading', { organisation: invitation.organisationName })}
        intro={t('invitation.intro', { email: invitation.email })}
      >
        <form noValidate onSubmit={submit}>
          <Stack gap="md">
            {accept.isError ? <ProblemAlert error={accept.error} title={t('invitation.failed')} /> : null}
            <TextInput
              size="lg"
              label={t('invitation.email')}
              value={invitation.email}
              variant="filled"
              readOnly
              name="username"
              autoComplete="username"
            />
            <TextInput
              size="lg"
              label={t('invitation.name')}
              name="name"
              autoComplete="name"
              required
              withAsterisk={false}
              value={shownName}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setHints(({ name: _cleared, ...rest }) => rest);
              }}
              error={hints.name ?? fieldError(accept.error, 'name')}
            />
            <PasswordInput
              size="lg"
              label={t('invitation.password')}
              name="password"
              autoComplete="new-password"
              required
              withAsterisk={false}
              visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
              vars={() => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } })}
              aria-describedby="password-rules"
              value={password}
              onChange={(event) => {
                setPassword(event.currentTarget.value);
                setHints(({ password: _cleared, ...rest }) => rest);
              }}
              error={hints.password ?? fieldError(accept.error, 'password')}
            />
            <PasswordRules id="password-rules" />
            <Text size="xs" c="dimmed">
              {t('invitation.expires', { date: format.dateTime(new Date(invitation.expiresAt)) })}
            </Text>
            <Button type="submit" size="lg" fullWidth loading={accept.isPending}>
              {t('invitation.submit')}
            </Button>
          </Stack>
        </form>
      </PublicFormCard>
    </PublicLayout>
  );
}

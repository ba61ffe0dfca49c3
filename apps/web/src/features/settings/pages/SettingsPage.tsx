import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { MAX_DAILY_SUGGESTIONS, MIN_DAILY_SUGGESTIONS, listNetworks } from '@heimo/domain';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import type { OrganisationSettings } from '../../../api/types';
import { brandFill } from '../../../app/contrast';
import { languages } from '../../../app/i18n/resources';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { EarnedMediaSection } from '../components/EarnedMediaSection';
import { FanProgrammePanel } from '../components/FanProgrammePanel';
import { RequiredTrainingSection } from '../components/RequiredTrainingSection';
import {
  draftProblems,
  rateNetworks,
  toBody,
  toDraft,
  type DraftProblem,
  type SettingsDraft,
} from '../components/settingsDraft';
import { useOrganisationSettings } from '../hooks/useOrganisationSettings';
import { useSaveSettings } from '../hooks/useSaveSettings';

const pointRules = [
  'share',
  'uniqueClick',
  'uniqueClickCapPerShare',
  'trainingPassed',
  'suggestionAccepted',
] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('settings.title') }));
  const settings = useOrganisationSettings();
  const save = useSaveSettings();
  // The form starts again from what is saved after a save and after a conflicting save elsewhere.
  const [generation, setGeneration] = useState(0);

  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('settings.title')}
        </Title>
        <Text c="dimmed">{t('settings.intro')}</Text>
        {/* A link that wraps on a phone (a button's label would not). */}
        <Anchor
          component={Link}
          to="/settings/integrations"
          size="sm"
          fw={600}
          py={12}
          style={{ display: 'inline-block', alignSelf: 'flex-start' }}
        >
          {t('settings.integrationsLink')}
        </Anchor>
        <Anchor
          component={Link}
          to="/settings/provisioning"
          size="sm"
          fw={600}
          py={12}
          style={{ display: 'inline-block', alignSelf: 'flex-start' }}
        >
          {t('settings.provisioningLink')}
        </Anchor>
      </Stack>
      <FanProgrammePanel />
      {settings.isError ? (
        <ProblemAlert error={settings.error} title={t('settings.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void settings.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : settings.isPending ? (
        <Stack gap="md" role="status" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton h={180} radius="md" />
          <Skeleton h={240} radius="md" />
        </Stack>
      ) : (
        <SettingsForm
          key={generation}
          latest={settings.data}
          save={save}
          onRestart={() => setGeneration((value) => value + 1)}
          onStale={async () => {
            await settings.refetch();
            setGeneration((value) => value + 1);
          }}
        />
      )}
    </Stack>
  );
}

interface SettingsFormProps {
  latest: OrganisationSettings;
  save: ReturnType<typeof useSaveSettings>;
  onRestart: () => void;
  onStale: () => Promise<void>;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Title order={2} fz="h3" id={id} mb="md">
        {title}
      </Title>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

function SettingsForm({ latest, save, onRestart, onStale }: SettingsFormProps) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const [base] = useState(latest);
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(latest));
  // The form's own refusals, shown from the first save on and updated as the admin types.
  const [checked, setChecked] = useState(false);
  const [sentRates, setSentRates] = useState<string[]>([]);
  const problems = checked ? draftProblems(draft) : {};
  const problemCount = Object.keys(problems).length;
  const timezones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const networks = listNetworks();
  const stale =
    save.error instanceof ApiProblem &&
    save.error.status === 409 &&
    save.error.code.endsWith('stale_version');
  const error = (field: string) => fieldError(save.error, field);
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(draftProblems(draft)).length > 0) return;
    setSentRates(rateNetworks(draft));
    save.mutate(toBody(draft, base, latest), {
      onSuccess: onRestart,
      onError: (failure) => {
        if (failure instanceof ApiProblem && failure.status === 409) void onStale();
      },
    });
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="lg">
        <Section id="settings-organisation" title={t('settings.sections.organisation')}>
          <TextInput
            label={t('settings.name')}
            maxLength={120}
            value={draft.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={error('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('settings.timezone')}
              description={t('settings.timezoneHint')}
              searchable
              allowDeselect={false}
              limit={50}
              value={draft.timezone}
              onChange={(value) => value && set('timezone', value)}
              data={timezones.includes(draft.timezone) ? timezones : [draft.timezone, ...timezones]}
              error={error('timezone')}
            />
            <Select
              label={t('settings.defaultLocale')}
              description={t('settings.defaultLocaleHint')}
              allowDeselect={false}
              value={draft.defaultLocale}
              onChange={(value) => set('defaultLocale', value === 'fi' ? 'fi' : 'en')}
              data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
              error={error('defaultLocale')}
            />
          </SimpleGrid>
        </Section>

        <Section id="settings-content" title={t('settings.sections.content')}>
          <Text size="sm" c="dimmed">
            {t('settings.disclosureIntro')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('settings.disclosureEmployee')}
              description={t('settings.disclosureEmployeeHint')}
              maxLength={50}
              value={draft.disclosureEmployee}
              onChange={(event) => set('disclosureEmployee', event.currentTarget.value)}
              error={error('settings.disclosure.employee')}
            />
            <TextInput
              label={t('settings.disclosureFan')}
              description={t('settings.disclosureFanHint')}
              maxLength={50}
              value={draft.disclosureFan}
              onChange={(event) => set('disclosureFan', event.currentTarget.value)}
              error={error('settings.disclosure.fan')}
            />
          </SimpleGrid>
          <Switch
            label={t('settings.disclosureRequired')}
            checked={draft.disclosureRequired}
            onChange={(event) => set('disclosureRequired', event.currentTarget.checked)}
            error={error('settings.disclosure.required')}
          />
          <Textarea
            label={t('settings.blockedTerms')}
            description={t('settings.blockedTermsHint')}
            autosize
            minRows={3}
            maxRows={10}
            value={draft.blockedTerms}
            onChange={(event) => set('blockedTerms', event.currentTarget.value)}
            error={error('settings.blockedTerms')}
          />
        </Section>

        <Section id="settings-networks" title={t('settings.sections.networks')}>
          <Checkbox.Group
            label={t('settings.networks')}
            description={t('settings.networksHint')}
            value={draft.enabledNetworks}
            onChange={(value) => set('enabledNetworks', value)}
            error={error('settings.enabledNetworks')}
          >
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs" mt="xs">
              {networks.map((network) => (
                <Checkbox
                  key={network.id}
                  value={network.id}
                  label={
                    <Group gap={8} wrap="nowrap" component="span">
                      <Box
                        component="span"
                        aria-hidden
                        w={24}
                        h={24}
                        fz={11}
                        fw={700}
                        c="white"
                        bg={brandFill(network.brand.color, 'gray')}
                        style={{
                          borderRadius: 6,
                          display: 'inline-flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                          flex: 'none',
                        }}
                      >
                        {network.brand.letter}
                      </Box>
                      <span>{network.label}</span>
                    </Group>
                  }
                  // The whole 44 px row is the thumb's target (the label toggles the box).
                  styles={{
                    body: { alignItems: 'center' },
                    label: { minHeight: 44, display: 'flex', alignItems: 'center' },
                  }}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Section>

        <Section id="settings-points" title={t('settings.sections.points')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {pointRules.map((rule) => (
              <NumberInput
                key={rule}
                label={t(`settings.points.${rule}`)}
                min={0}
                max={10_000}
                hideControls
                inputMode="numeric"
                allowDecimal={false}
                allowNegative={false}
                value={draft.points[rule]}
                onChange={(value) =>
                  set('points', { ...draft.points, [rule]: typeof value === 'number' ? value : 0 })
                }
                error={error(`settings.points.${rule}`)}
              />
            ))}
          </SimpleGrid>
        </Section>

        <Section id="settings-earned-media" title={t('settings.sections.earnedMedia')}>
          <EarnedMediaSection
            draft={draft}
            onCurrency={(currency) => set('currency', currency)}
            onRate={(network, amount) => set('cpm', { ...draft.cpm, [network]: amount })}
            problem={(field): DraftProblem | undefined => problems[field]}
            apiError={(field) => {
              if (field === 'currency') return error('settings.earnedMedia.currency');
              const index = sentRates.indexOf(field.slice('cpm.'.length));
              return index < 0 ? undefined : error(`settings.earnedMedia.rates.${index}`);
            }}
          />
        </Section>

        <Section id="settings-training" title={t('settings.sections.training')}>
          <RequiredTrainingSection
            value={draft.requiredTrainingModuleIds}
            onChange={(ids) => set('requiredTrainingModuleIds', ids)}
            error={error('settings.requiredTrainingModuleIds')}
          />
        </Section>

        <Section id="settings-sign-in" title={t('settings.sections.signIn')}>
          <Switch
            label={t('settings.requireTwoStep')}
            description={t('settings.requireTwoStepHint')}
            checked={draft.requireTwoStepForAdmins}
            onChange={(event) => set('requireTwoStepForAdmins', event.currentTarget.checked)}
          />
        </Section>

        <Section id="settings-credit" title={t('settings.credit')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label={t('settings.dailyCreditedShares')}
              description={t('settings.dailyCreditedSharesHint')}
              min={1}
              max={1000}
              hideControls
              inputMode="numeric"
              allowDecimal={false}
              allowNegative={false}
              value={draft.dailyCreditedShares}
              onChange={(value) => set('dailyCreditedShares', typeof value === 'number' ? value : 0)}
              error={error('settings.dailyCreditedShares')}
            />
            <NumberInput
              label={t('settings.audienceCeiling')}
              description={t('settings.audienceCeilingHint')}
              min={1}
              max={2_000_000_000}
              hideControls
              inputMode="numeric"
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=" "
              value={draft.audienceCeiling}
              onChange={(value) => set('audienceCeiling', typeof value === 'number' ? value : 0)}
              error={error('settings.audienceCeiling')}
            />
            <Select
              label={t('settings.fanBoard')}
              data={[
                { value: 'fans_only', label: t('settings.fanBoardFansOnly') },
                { value: 'everyone', label: t('settings.fanBoardEveryone') },
              ]}
              allowDeselect={false}
              value={draft.fanBoard}
              onChange={(value) => {
                if (value === 'fans_only' || value === 'everyone') set('fanBoard', value);
              }}
              error={error('settings.fanBoard')}
            />
            <NumberInput
              label={t('settings.dailySuggestions')}
              description={t('settings.dailySuggestionsHint')}
              min={MIN_DAILY_SUGGESTIONS}
              max={MAX_DAILY_SUGGESTIONS}
              hideControls
              inputMode="numeric"
              allowDecimal={false}
              allowNegative={false}
              value={draft.dailySuggestions}
              onChange={(value) => set('dailySuggestions', typeof value === 'number' ? value : 0)}
              error={error('settings.dailySuggestions')}
            />
          </SimpleGrid>
          <Switch
            label={t('settings.fanSuggestions')}
            description={t('settings.fanSuggestionsHint')}
            checked={draft.fanSuggestions}
            onChange={(event) => set('fanSuggestions', event.currentTarget.checked)}
          />
        </Section>

        <Section id="settings-connections" title={t('settings.sections.connections')}>
          <Switch
            label={t('settings.postForMe')}
            description={t('settings.postForMeHint')}
            checked={draft.postForMe}
            onChange={(event) => set('postForMe', event.currentTarget.checked)}
            error={error('settings.postForMe')}
          />
          <Radio.Group
            label={t('settings.unverifiedSharePolicy')}
            description={t('settings.unverifiedSharePolicyHint')}
            value={draft.unverifiedSharePolicy}
            onChange={(value) => {
              if (value === 'keep' || value === 'revoke') set('unverifiedSharePolicy', value);
            }}
            error={error('settings.unverifiedSharePolicy')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="keep" label={t('settings.unverifiedKeep')} />
              <Radio value="revoke" label={t('settings.unverifiedRevoke')} />
            </Stack>
          </Radio.Group>
        </Section>

        <Section id="settings-review" title={t('settings.sections.review')}>
          <Switch
            label={t('settings.fourEyes')}
            description={t('settings.fourEyesHint')}
            checked={draft.fourEyesApproval}
            onChange={(event) => set('fourEyesApproval', event.currentTarget.checked)}
          />
        </Section>

        {problemCount > 0 ? (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{t('settings.checkFields', { count: problemCount })}</Text>
          </Alert>
        ) : stale ? (
          <Alert color="orange" variant="light" role="alert">
            <Text size="sm">{t('settings.stale')}</Text>
          </Alert>
        ) : save.isError ? (
          <ProblemAlert error={save.error} title={t('settings.saveFailed')} />
        ) : save.isSuccess ? (
          <Alert color="teal" variant="light" role="status">
            <Text size="sm">{t('settings.saved')}</Text>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Avatar, Badge, Button, Divider, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { useSaveMemberLanguage } from '../../features/profile/hooks/useMemberLanguage';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { knownRoles } from '../navigation';
import classes from './AccountMenu.module.css';

interface AccountMenuProps {
  member: Me;
  signingOut: boolean;
  onSignOut: () => void;
}

/**
 * Who is signed in, their roles, the language and signing out. A popover dialog rather than a menu,
 * because the language switch is a radio group, which a menu may not contain.
 */
export function AccountMenu({ member, signingOut, onSignOut }: AccountMenuProps) {
  const { t } = useTranslation();
  const saveLanguage = useSaveMemberLanguage();

  return (
    <Popover position="bottom-end" width={300} shadow="md" radius="md" trapFocus returnFocus withinPortal>
      <Popover.Target>
        <UnstyledButton
          className={classes.trigger}
          aria-label={t('shell.account.open', { name: member.name })}
        >
          <Group gap="xs" wrap="nowrap">
            <Avatar name={member.name} color="initials" radius="xl" size={36} aria-hidden />
            <Text size="sm" fw={600} visibleFrom="sm" className={classes.name}>
              {member.name}
            </Text>
            <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden focusable="false">
              <path
                d="M2.5 4.5 6 8l3.5-3.5"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
                strokeLinecap="round"
              />
            </svg>
          </Group>
        </UnstyledButton>
      </Popover.Target>
      {/* Mantine names the dialog after its trigger ("Account menu for …"). */}
      <Popover.Dropdown p="md">
        <Stack gap="md">
          <div>
            <Text fw={700}>{member.name}</Text>
            <Text size="sm" c="dimmed" className={classes.email}>
              {member.email}
            </Text>
            <Text size="sm" c="dimmed">
              {member.organisation.name}
            </Text>
          </div>
          <div>
            <Text size="sm" fw={600} mb={6}>
              {t('shell.account.roles')}
            </Text>
            <Group gap={6}>
              {knownRoles(member.roles).map((role) => (
                <Badge key={role} variant="light" tt="none">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
            </Group>
          </div>
          <div>
            <Text size="sm" fw={600} mb={6} aria-hidden>
              {t('shell.account.language')}
            </Text>
            <LanguageSwitch fullWidth onChoose={(language) => saveLanguage.mutate(language)} />
          </div>
          <Divider />
          <Button variant="light" color="red" fullWidth loading={signingOut} onClick={onSignOut}>
            {t('auth.signOut')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

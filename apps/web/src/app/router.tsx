import { createBrowserRouter } from 'react-router';
import { RequireRole } from '../features/auth/components/RequireRole';
import { RequireSession } from '../features/auth/components/RequireSession';
import { lazyPage } from './lazyPage';
import { AppLayout } from './shell/AppLayout';
import { NotFoundPage } from './shell/NotFoundPage';
import { PageOutlet } from './shell/PageOutlet';
import { RouteErrorPage } from './shell/RouteErrorPage';

// The shell comes with the first load; every page is fetched when its route first opens, the sign-in
// page and the feed already by the entry when the visit starts there (main.tsx). `npm run check`
// holds the first load to its budget: apps/web/scripts/bundle-budget.mjs.
const LoginPage = lazyPage(() => import('../features/auth/pages/LoginPage'), 'LoginPage');
const ForgotPasswordPage = lazyPage(
  () => import('../features/auth/pages/ForgotPasswordPage'),
  'ForgotPasswordPage',
);
const ResetPasswordPage = lazyPage(
  () => import('../features/auth/pages/ResetPasswordPage'),
  'ResetPasswordPage',
);
const InvitationPage = lazyPage(() => import('../features/people/pages/InvitationPage'), 'InvitationPage');
const JoinPage = lazyPage(() => import('../features/people/pages/JoinPage'), 'JoinPage');
const ConfirmJoinPage = lazyPage(() => import('../features/people/pages/ConfirmJoinPage'), 'ConfirmJoinPage');
const SetupPage = lazyPage(() => import('../features/setup/pages/SetupPage'), 'SetupPage');
const OrganisationSignupPage = lazyPage(
  () => import('../features/setup/pages/OrganisationSignupPage'),
  'OrganisationSignupPage',
);
const UnsubscribePage = lazyPage(
  () => import('../features/notifications/pages/UnsubscribePage'),
  'UnsubscribePage',
);
const HomePage = lazyPage(() => import('../features/home/pages/HomePage'), 'HomePage');
const ProfilePage = lazyPage(() => import('../features/profile/pages/ProfilePage'), 'ProfilePage');
const PeoplePage = lazyPage(() => import('../features/people/pages/PeoplePage'), 'PeoplePage');
const TeamsPage = lazyPage(() => import('../features/teams/pages/TeamsPage'), 'TeamsPage');
const SettingsPage = lazyPage(() => import('../features/settings/pages/SettingsPage'), 'SettingsPage');
const ProvisioningPage = lazyPage(
  () => import('../features/settings/pages/ProvisioningPage'),
  'ProvisioningPage',
);
const IntegrationsPage = lazyPage(
  () => import('../features/settings/pages/IntegrationsPage'),
  'IntegrationsPage',
);
const SignInSettingsPage = lazyPage(
  () => import('../features/settings/pages/SignInSettingsPage'),
  'SignInSettingsPage',
);
const AuditLogPage = lazyPage(() => import('../features/audit/pages/AuditLogPage'), 'AuditLogPage');
const OutboxPage = lazyPage(() => import('../features/notifications/pages/OutboxPage'), 'OutboxPage');
const FeedPage = lazyPage(() => import('../features/feed/pages/FeedPage'), 'FeedPage', {
  firstScreenStyles: true,
});
const ImpactPage = lazyPage(() => import('../features/impact/pages/ImpactPage'), 'ImpactPage');
const TrainingPage = lazyPage(() => import('../features/training/pages/TrainingPage'), 'TrainingPage');
const TrainingModulePage = lazyPage(
  () => import('../features/training/pages/TrainingModulePage'),
  'TrainingModulePage',
);
const SuggestPage = lazyPage(() => import('../features/suggestions/pages/SuggestPage'), 'SuggestPage');
const SuggestionsQueuePage = lazyPage(
  () => import('../features/suggestions/pages/SuggestionsQueuePage'),
  'SuggestionsQueuePage',
);
const StudioPage = lazyPage(() => import('../features/studio/pages/StudioPage'), 'StudioPage');
const PackEditorPage = lazyPage(() => import('../features/studio/pages/PackEditorPage'), 'PackEditorPage');
const CalendarPage = lazyPage(() => import('../features/studio/pages/CalendarPage'), 'CalendarPage');
const InsightsDashboardPage = lazyPage(
  () => import('../features/insights/pages/InsightsDashboardPage'),
  'InsightsDashboardPage',
);
const LeaderboardsPage = lazyPage(
  () => import('../features/insights/pages/LeaderboardsPage'),
  'LeaderboardsPage',
);
const TeamLeaderboardPage = lazyPage(
  () => import('../features/insights/pages/TeamLeaderboardPage'),
  'TeamLeaderboardPage',
);
const TrainingCompliancePage = lazyPage(
  () => import('../features/compliance/pages/TrainingCompliancePage'),
  'TrainingCompliancePage',
);
const TrainingModuleEditorPage = lazyPage(
  () => import('../features/compliance/pages/TrainingModuleEditorPage'),
  'TrainingModuleEditorPage',
);

// A page joins here and flips `ready` on its entry in navigation.ts in the same change.
export function createRouter() {
  return createBrowserRouter([
    {
      element: <PageOutlet />,
      errorElement: <RouteErrorPage />,
      children: [
        { path: '/login', element: <LoginPage /> },
        { path: '/invite/:token', element: <InvitationPage /> },
        { path: '/forgot-password', element: <ForgotPasswordPage /> },
        { path: '/reset-password/:token', element: <ResetPasswordPage /> },
        { path: '/join/:code', element: <JoinPage /> },
        { path: '/confirm-join', element: <ConfirmJoinPage /> },
        { path: '/setup', element: <SetupPage /> },
        { path: '/signup-organisation', element: <OrganisationSignupPage /> },
        { path: '/unsubscribe', element: <UnsubscribePage /> },
        {
          element: <RequireSession />,
          children: [
            {
              // The layout's outlet shows the loader inside the shell while a page's code arrives.
              element: <AppLayout />,
              children: [
                { index: true, element: <HomePage /> },
                // Every member chooses their e-mails here (the e-mails' footer links to it), not only advocates.
                { path: '/profile', element: <ProfilePage /> },
                // Where a network's OAuth sends the member back (`?connected=` or `?error=`): the same page.
                { path: '/me/connections', element: <ProfilePage /> },
                // Any member may suggest a link (fans when the organisation allows it: the page says so).
                { path: '/suggest', element: <SuggestPage /> },
                {
                  element: <RequireRole role="admin" />,
                  children: [
                    { path: '/people', element: <PeoplePage /> },
                    { path: '/teams', element: <TeamsPage /> },
                    { path: '/settings', element: <SettingsPage /> },
                    { path: '/settings/integrations', element: <IntegrationsPage /> },
                    { path: '/settings/provisioning', element: <ProvisioningPage /> },
                    { path: '/settings/sign-in', element: <SignInSettingsPage /> },
                    { path: '/audit-log', element: <AuditLogPage /> },
                    { path: '/outbox', element: <OutboxPage /> },
                  ],
                },
                {
                  element: <RequireRole role="advocate" />,
                  children: [
                    { path: '/feed', element: <FeedPage /> },
                    { path: '/impact', element: <ImpactPage /> },
                    { path: '/training', element: <TrainingPage /> },
                    { path: '/training/:moduleId', element: <TrainingModulePage /> },
                  ],
                },
                {
                  element: <RequireRole role="curator" />,
                  children: [
                    { path: '/studio', element: <StudioPage /> },
                    { path: '/studio/calendar', element: <CalendarPage /> },
                    { path: '/studio/suggestions', element: <SuggestionsQueuePage /> },
                    { path: '/studio/packs/new', element: <PackEditorPage /> },
                    { path: '/studio/packs/:packId', element: <PackEditorPage /> },
                  ],
                },
                {
                  element: <RequireRole role="leader" />,
                  children: [
                    { path: '/insights', element: <InsightsDashboardPage /> },
                    { path: '/insights/leaderboards', element: <LeaderboardsPage /> },
                    { path: '/insights/teams', element: <TeamLeaderboardPage /> },
                  ],
                },
                {
                  // The compliance API answers curators and admins alike.
                  element: <RequireRole role={['curator', 'admin']} />,
                  children: [
                    { path: '/training-modules', element: <TrainingCompliancePage /> },
                    { path: '/training-modules/new', element: <TrainingModuleEditorPage /> },
                    { path: '/training-modules/:moduleId', element: <TrainingModuleEditorPage /> },
                  ],
                },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
}

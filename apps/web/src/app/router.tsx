import { createBrowserRouter } from 'react-router';
import { RequireRole } from '../features/auth/components/RequireRole';
import { RequireSession } from '../features/auth/components/RequireSession';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { AuditLogPage } from '../features/audit/pages/AuditLogPage';
import { TrainingCompliancePage } from '../features/compliance/pages/TrainingCompliancePage';
import { FeedPage } from '../features/feed/pages/FeedPage';
import { HomePage } from '../features/home/pages/HomePage';
import { ImpactPage } from '../features/impact/pages/ImpactPage';
import { InsightsDashboardPage } from '../features/insights/pages/InsightsDashboardPage';
import { LeaderboardsPage } from '../features/insights/pages/LeaderboardsPage';
import { TeamLeaderboardPage } from '../features/insights/pages/TeamLeaderboardPage';
import { InvitationPage } from '../features/people/pages/InvitationPage';
import { OutboxPage } from '../features/notifications/pages/OutboxPage';
import { UnsubscribePage } from '../features/notifications/pages/UnsubscribePage';
import { JoinPage } from '../features/people/pages/JoinPage';
import { PeoplePage } from '../features/people/pages/PeoplePage';
import { ProfilePage } from '../features/profile/pages/ProfilePage';
import { SettingsPage } from '../features/settings/pages/SettingsPage';
import { PackEditorPage } from '../features/studio/pages/PackEditorPage';
import { StudioPage } from '../features/studio/pages/StudioPage';
import { TeamsPage } from '../features/teams/pages/TeamsPage';
import { TrainingModulePage } from '../features/training/pages/TrainingModulePage';
import { TrainingPage } from '../features/training/pages/TrainingPage';
import { AppLayout } from './shell/AppLayout';
import { NotFoundPage } from './shell/NotFoundPage';
import { RouteErrorPage } from './shell/RouteErrorPage';

// A page joins here and flips `ready` on its entry in navigation.ts in the same change.
export function createRouter() {
  return createBrowserRouter([
    {
      errorElement: <RouteErrorPage />,
      children: [
        { path: '/login', element: <LoginPage /> },
        { path: '/invite/:token', element: <InvitationPage /> },
        { path: '/join/:code', element: <JoinPage /> },
        { path: '/unsubscribe', element: <UnsubscribePage /> },
        {
          element: <RequireSession />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, element: <HomePage /> },
                // Every member chooses their e-mails here (the e-mails' footer links to it), not only advocates.
                { path: '/profile', element: <ProfilePage /> },
                {
                  element: <RequireRole role="admin" />,
                  children: [
                    { path: '/people', element: <PeoplePage /> },
                    { path: '/teams', element: <TeamsPage /> },
                    { path: '/settings', element: <SettingsPage /> },
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
                  children: [{ path: '/training-modules', element: <TrainingCompliancePage /> }],
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

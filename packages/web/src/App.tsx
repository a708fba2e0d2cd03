import { Route, Router } from '@solidjs/router';
import { QueryClientProvider } from '@tanstack/solid-query';
import { SignInPage } from './auth/SignInPage.tsx';
import { VersionGate } from './boot/VersionGate.tsx';
import { AppShell } from './layout/AppShell.tsx';
import { lazyPage } from './layout/lazy-page.tsx';
import { NotFoundPage } from './layout/NotFoundPage.tsx';
import { PROJECT_TAB_PATHS } from './projects/project-tabs.ts';
import { ProjectsPage } from './projects/ProjectsPage.tsx';
import { GuestOnly } from './session/GuestOnly.tsx';
import { ME_QUERY_KEY } from './session/me-query.ts';
import { createAppQueryClient } from './session/query-client.ts';
import { RequireAuth } from './session/RequireAuth.tsx';
import { MetadataSyncProvider } from './sync/metadata/MetadataSyncProvider.tsx';
import { SessionProvider } from './session/SessionProvider.tsx';
import { ThemeFromSettings } from './settings/theme.ts';

// The sign-in page and the project list are in the first load; every other page is its own chunk,
// fetched when first shown (the service worker precaches them all for offline use).
const SignUpPage = lazyPage(() => import('./auth/SignUpPage.tsx'), 'SignUpPage');
const ForgotPasswordPage = lazyPage(
  () => import('./auth/ForgotPasswordPage.tsx'),
  'ForgotPasswordPage',
);
const ResetPasswordPage = lazyPage(
  () => import('./auth/ResetPasswordPage.tsx'),
  'ResetPasswordPage',
);
const InvitationPage = lazyPage(() => import('./projects/InvitationPage.tsx'), 'InvitationPage');
const SettingsPage = lazyPage(() => import('./settings/SettingsPage.tsx'), 'SettingsPage');
const AdminPage = lazyPage(() => import('./admin/AdminPage.tsx'), 'AdminPage');
const FederationPage = lazyPage(() => import('./federation/FederationPage.tsx'), 'FederationPage');
const ProjectPage = lazyPage(() => import('./projects/ProjectPage.tsx'), 'ProjectPage');
const ChecklistPage = lazyPage(() => import('./checklists/ChecklistPage.tsx'), 'ChecklistPage');
const ResultsPage = lazyPage(() => import('./results/ResultsPage.tsx'), 'ResultsPage');
const ReconcilePage = lazyPage(() => import('./reconcile/ReconcilePage.tsx'), 'ReconcilePage');
const AgreementPage = lazyPage(() => import('./agreement/AgreementPage.tsx'), 'AgreementPage');

/** Providers and the route table. */
export function App() {
  const queryClient = createAppQueryClient({
    // Re-check the session; SessionProvider handles what a changed answer means.
    onUnauthenticated: () => void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });

  return (
    <VersionGate>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <MetadataSyncProvider>
            <ThemeFromSettings />
            <Router root={AppShell}>
              <Route path="" component={GuestOnly}>
                <Route path="/sign-in" component={SignInPage} />
                <Route path="/sign-up" component={SignUpPage} />
                <Route path="/forgot-password" component={ForgotPasswordPage} />
              </Route>
              {/* Signed in or out: the page itself asks to sign in or up first. */}
              <Route path="/invitations/:token" component={InvitationPage} />
              {/* Signed in or out: the link from the email works either way. */}
              <Route path="/reset-password" component={ResetPasswordPage} />
              <Route path="" component={RequireAuth}>
                <Route path="/" component={ProjectsPage} />
                <Route path="/settings" component={SettingsPage} />
                <Route path="/admin" component={AdminPage} />
                <Route path="/admin/federation" component={FederationPage} />
                {/* The project's tabs: its studies at its own address, the others under it. */}
                <Route
                  path="/projects/:projectId/:tab?"
                  matchFilters={{ tab: PROJECT_TAB_PATHS }}
                  component={ProjectPage}
                />
                <Route
                  path="/projects/:projectId/checklists/:checklistId"
                  component={ChecklistPage}
                />
                <Route path="/projects/:projectId/results" component={ResultsPage} />
                <Route path="/projects/:projectId/agreement" component={AgreementPage} />
                <Route
                  path="/projects/:projectId/reconcile/:studyId/:type/:outcomeId?"
                  component={ReconcilePage}
                />
              </Route>
              <Route path="*" component={NotFoundPage} />
            </Router>
          </MetadataSyncProvider>
        </SessionProvider>
      </QueryClientProvider>
    </VersionGate>
  );
}

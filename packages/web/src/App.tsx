import { Route, Router } from '@solidjs/router';
import { QueryClientProvider } from '@tanstack/solid-query';
import { AdminPage } from './admin/AdminPage.tsx';
import { SignInPage } from './auth/SignInPage.tsx';
import { SignUpPage } from './auth/SignUpPage.tsx';
import { VersionGate } from './boot/VersionGate.tsx';
import { ChecklistPage } from './checklists/ChecklistPage.tsx';
import { AppShell } from './layout/AppShell.tsx';
import { NotFoundPage } from './layout/NotFoundPage.tsx';
import { InvitationPage } from './projects/InvitationPage.tsx';
import { ProjectPage } from './projects/ProjectPage.tsx';
import { ProjectsPage } from './projects/ProjectsPage.tsx';
import { ReconcilePage } from './reconcile/ReconcilePage.tsx';
import { ResultsPage } from './results/ResultsPage.tsx';
import { GuestOnly } from './session/GuestOnly.tsx';
import { ME_QUERY_KEY } from './session/me-query.ts';
import { createAppQueryClient } from './session/query-client.ts';
import { RequireAuth } from './session/RequireAuth.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { MetadataSyncProvider } from './sync/metadata/MetadataSyncProvider.tsx';
import { SessionProvider } from './session/SessionProvider.tsx';

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
            <Router root={AppShell}>
              <Route path="" component={GuestOnly}>
                <Route path="/sign-in" component={SignInPage} />
                <Route path="/sign-up" component={SignUpPage} />
              </Route>
              {/* Signed in or out: the page itself asks to sign in or up first. */}
              <Route path="/invitations/:token" component={InvitationPage} />
              <Route path="" component={RequireAuth}>
                <Route path="/" component={ProjectsPage} />
                <Route path="/settings" component={SettingsPage} />
                <Route path="/admin" component={AdminPage} />
                <Route path="/projects/:projectId" component={ProjectPage} />
                <Route
                  path="/projects/:projectId/checklists/:checklistId"
                  component={ChecklistPage}
                />
                <Route path="/projects/:projectId/results" component={ResultsPage} />
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

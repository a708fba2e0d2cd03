import { useNavigate } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import { useSession } from '../session/SessionProvider.tsx';
import { requireEngine, useSyncEngine } from '../sync/metadata/MetadataSyncProvider.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { createDemoProject } from './demo-project.ts';

/**
 * What a new account sees instead of an empty list: what CoRATES does, and two ways in — its own
 * first project (the form above, focused) or a demo project to click around in.
 */
export function FirstRunWelcome(props: { onCreate: () => void }) {
  const engine = useSyncEngine();
  const session = useSession();
  const navigate = useNavigate();
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<unknown>();

  const tryDemo = async () => {
    setError(undefined);
    setPending(true);
    try {
      const userId = session.user()?.id;
      if (!userId) throw new Error('You are signed out; sign in to make changes.');
      const id = await createDemoProject(requireEngine(engine), userId);
      navigate(`/projects/${encodeURIComponent(id)}`);
    } catch (e) {
      setError(e);
      setPending(false);
    }
  };

  return (
    <section
      class="empty-state first-run"
      aria-labelledby="first-run-heading"
      data-testid="first-run"
    >
      <h3 id="first-run-heading">Welcome to CoRATES</h3>
      <p>
        Appraise the studies of a review with AMSTAR 2, ROBINS-I or RoB 2. Two reviewers answer each
        checklist blind to each other, then reconcile their answers into one.
      </p>
      <p>It works offline: your changes are kept on this device and sync when you are back.</p>
      <p>No projects yet — create your first one, or look around a demo project first.</p>
      <Show when={error()}>{(e) => <ErrorAlert error={e()} />}</Show>
      <div class="inline-actions first-run-actions">
        <button type="button" class="button button-primary" onClick={() => props.onCreate()}>
          Create a project
        </button>
        <button
          type="button"
          class="button"
          data-testid="try-demo"
          disabled={pending()}
          aria-busy={pending()}
          onClick={() => void tryDemo()}
        >
          {pending() ? 'Creating the demo…' : 'Try a demo project'}
        </button>
      </div>
    </section>
  );
}

import { Match, type ParentProps, Switch } from 'solid-js';
import { Loading } from '../ui/PageStatus.tsx';
import { UpdateRequired } from './UpdateRequired.tsx';
import { versionGate } from './version-gate.ts';

/**
 * Renders the app only while this build is allowed to talk to the server. Blocking unmounts the
 * whole app, so no screen keeps working (or failing with 426s) behind the upgrade message.
 */
export function VersionGate(props: ParentProps) {
  const blocked = () => {
    const gate = versionGate();
    return gate.status === 'blocked' ? gate : undefined;
  };
  return (
    <Switch>
      <Match when={blocked()}>
        {(gate) => <UpdateRequired minSupportedClient={gate().minSupportedClient} />}
      </Match>
      <Match when={versionGate().status === 'checking'}>
        <div class="boot">
          <Loading label="Starting CoRATES…" />
        </div>
      </Match>
      <Match when={versionGate().status === 'ok'}>{props.children}</Match>
    </Switch>
  );
}

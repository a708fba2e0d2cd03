import { type ParentProps, createEffect, on } from 'solid-js';
import { useLocation } from '@solidjs/router';
import { SyncPanel } from '../sync/SyncPanel.tsx';
import { UpdateBanner } from '../upgrade/UpdateBanner.tsx';
import { Header } from './Header.tsx';

/** The root layout: skip link, header, and the routed page. */
export function AppShell(props: ParentProps) {
  const location = useLocation();
  let main: HTMLElement | undefined;
  // A client-side navigation leaves focus on a link that may no longer exist; start keyboard and
  // screen-reader users at the new page instead (not on first load, which starts at the top).
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus(),
      { defer: true },
    ),
  );

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <UpdateBanner />
      <SyncPanel />
      <main id="main" ref={(el) => (main = el)} tabindex="-1" class="main">
        {props.children}
      </main>
    </>
  );
}

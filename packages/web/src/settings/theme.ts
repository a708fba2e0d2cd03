import { createEffect, onCleanup } from 'solid-js';
import type { UserSettings } from '@corates/shared';
import { useCachedSettings } from '../sync/metadata/use-metadata.ts';

/**
 * The `data-theme` of <html> for a theme setting: styles.css picks its colours by `color-scheme`,
 * which is the device's preference without the attribute and the chosen scheme with it.
 */
export function themeAttribute(theme: UserSettings['theme']): 'light' | 'dark' | undefined {
  return theme === 'system' ? undefined : theme;
}

/** Keeps <html> on the signed-in user's theme setting (renders nothing). */
export function ThemeFromSettings() {
  const settings = useCachedSettings();
  const root = document.documentElement;
  createEffect(() => {
    const attribute = themeAttribute(settings().theme);
    if (attribute) root.dataset.theme = attribute;
    else delete root.dataset.theme;
  });
  // Signed out (or another user next): the device's preference again.
  onCleanup(() => delete root.dataset.theme);
  return null;
}

import { Show, createSignal, createUniqueId } from 'solid-js';
import type { UpdateUserSettings, UserSettings } from '@corates/shared';
import { requireEngine, useSyncEngine } from '../sync/metadata/MetadataSyncProvider.tsx';
import { useCachedSettings } from '../sync/metadata/use-metadata.ts';
import { UnsyncedBadge } from '../sync/UnsyncedBadge.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { AccountSection } from './AccountSection.tsx';

const THEMES: Array<{ value: UserSettings['theme']; label: string }> = [
  { value: 'system', label: 'Same as the device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/**
 * Your preferences. Each change is saved as you make it, through the offline queue: it applies
 * at once, on this device, and reaches your other devices when this one is online.
 */
export function SettingsPage() {
  useDocumentTitle(() => 'Settings');
  const engine = useSyncEngine();
  const settings = useCachedSettings();
  const [error, setError] = createSignal<unknown>();
  const themeId = createUniqueId();
  const staleId = createUniqueId();
  const guidanceId = createUniqueId();

  const save = (changes: UpdateUserSettings) => {
    setError(undefined);
    requireEngine(engine)
      .enqueue({ type: 'settings.update', payload: { changes } })
      .catch(setError);
  };

  return (
    <div class="page">
      <h1>
        Settings <UnsyncedBadge entityKey="settings:user" />
      </h1>
      <Show when={error()}>{(e) => <ErrorAlert error={e()} />}</Show>
      <form class="card" onSubmit={(e) => e.preventDefault()} aria-label="Your settings">
        <div class="field">
          <label for={themeId}>Theme</label>
          <select
            id={themeId}
            data-testid="setting-theme"
            onChange={(e) => save({ theme: e.currentTarget.value as UserSettings['theme'] })}
          >
            {THEMES.map((t) => (
              <option value={t.value} selected={settings().theme === t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={staleId}>Warn that data may be stale after (minutes without syncing)</label>
          <input
            id={staleId}
            type="number"
            min="1"
            max="1440"
            data-testid="setting-stale-after"
            value={settings().staleAfterMinutes}
            onChange={(e) => {
              const minutes = Number(e.currentTarget.value);
              if (Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440) {
                save({ staleAfterMinutes: minutes });
              } else {
                e.currentTarget.value = String(settings().staleAfterMinutes);
              }
            }}
          />
        </div>
        <div class="field field-check">
          <label>
            <input
              id={guidanceId}
              type="checkbox"
              data-testid="setting-guidance"
              checked={settings().showGuidance}
              onChange={(e) => save({ showGuidance: e.currentTarget.checked })}
            />
            Show guidance text in checklists
          </label>
        </div>
      </form>
      <AccountSection />
    </div>
  );
}

import { type Accessor, Show } from 'solid-js';
import type { DocConnection } from './doc/connection-state.ts';
import { type UploadProgress, uploadLabel } from './doc/doc-upload.ts';
import { connectionLabel } from './connection-label.ts';

/** What the status shows of a document (or of a page's documents together). */
export interface DocStatusSource {
  connection: Accessor<DocConnection>;
  upload: Accessor<UploadProgress | undefined>;
  uploadError: Accessor<string | undefined>;
}

/** The document's connection state in words, with a coloured dot that is not the only cue. */
export function ConnectionStatus(props: { handle: DocStatusSource }) {
  return (
    <p
      class={`connection connection-${props.handle.connection()}`}
      data-testid="connection-status"
      data-state={props.handle.connection()}
      role="status"
    >
      <span class="connection-dot" aria-hidden="true" />
      <Show when={props.handle.upload()} fallback={connectionLabel(props.handle.connection())}>
        {(upload) => (
          <>
            <span data-testid="doc-upload-progress">{uploadLabel(upload())}</span>{' '}
            <progress
              value={upload().sentBytes}
              max={upload().totalBytes}
              aria-label="Offline changes uploaded"
            />
          </>
        )}
      </Show>
      <Show when={props.handle.uploadError()}>
        {(error) => (
          <span class="connection-error" data-testid="doc-upload-error">
            {' '}
            — offline changes could not be sent: {error()}
          </span>
        )}
      </Show>
    </p>
  );
}

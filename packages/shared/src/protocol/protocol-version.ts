/**
 * The version of what clients and servers say to each other beyond the REST API (which the OpenAPI
 * document and its drift check cover): op payloads and the `/api/sync/ops` batch, the pull feed,
 * the document socket and the chunked document upload, and the document's entities. An offline
 * queue can hold ops for days, so a change to any of these must be made on purpose:
 * `protocol-version.test.ts` fingerprints them and fails until this number is bumped and the new
 * fingerprint recorded. Bump it, add an op adapter (docs/runbooks/breaking-op-changes.md) or say
 * below why an older client needs none, in one line per version.
 *
 * History:
 * - 1: first recorded: 9 op types (`settings.update`'s `patch` → `changes` adapted since client
 *   0.2.0), pull of project/membership/settings/pdf, doc socket closes 4000–4426, chunked doc
 *   upload, document layout v1.
 * - 2: a study's optional `design` (document layout still v1: absent = not set). An older client
 *   reads only the fields it knows and writes a study field by field, so it keeps a design it does
 *   not show; no adapter.
 * - 3: two error codes (`WRONG_PASSWORD`, `RESET_LINK_INVALID`) join the code list an op result may
 *   carry. Only the account routes answer them, never an op, so an older client meets neither in
 *   a sync result; no adapter.
 * - 4: document model v2 (issue 15, docs/doc-model-v2.md): DOC_SCHEMA_VERSION 2 (checklist content
 *   in a document per checklist, the project document keeps headers), the checklist document's
 *   socket and its close `CHECKLIST_WITHHELD` (4412). A v1 client cannot write the v2 layout, so
 *   the v2 release raises `minSupportedClient` to itself (the forced upgrade); its document edits
 *   made offline are carried over by the v2 build (`unsyncedV1Edits`); no op adapter (no op
 *   changed). In the same release the federation error codes (issue 17) join the code list an op
 *   result may carry; only federation routes answer them, never an op.
 * - 5: the project document's `trash` root and its entries (issue 20; layout still v2: added in
 *   place). A 0.3.0 client ignores the root, so it neither shows nor restores the trash, and the
 *   relay refuses its straight deletion of started work ([R21], 4422) — the study or reviewer it
 *   removed comes back on reconnect; no op changed, no adapter. In the same version three
 *   federation error codes (issue 17: `PEER_ORIGIN_REFUSED`, `PEER_UNREACHABLE`,
 *   `FEDERATION_TOKEN_INVALID`) join the code list an op result may carry; only federation routes
 *   answer them, never an op, so no client meets them in a sync result. So does `MUST_REFETCH`
 *   (issue 17: a pull's cursor past the publisher's tombstone horizon), likewise federation only.
 * - 6: the error code `MIRROR_READ_ONLY` (issue 17: a mirror of another server's share is written
 *   only by this server's pulls) joins the code list an op result may carry: `project.update`,
 *   `project.delete`, `pdf.update` and `pdf.delete` on a mirror are `rejected` with it. Only a
 *   mirror project (new in this version, so unknown to an older client's queue) meets it, and an
 *   older client shows an unknown code as any refusal; no op changed, no adapter. In the same version
 *   `SHARE_PAUSED` (issue 17: a share its owner paused; the subscriber asks again later) joins the
 *   list; only the federation pull routes answer it, never an op.
 */
export const PROTOCOL_VERSION = 6;

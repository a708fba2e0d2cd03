import { z } from 'zod';
import { assessorJudgementSchema } from '../checklists/assessor-judgement.ts';
import { checklistStatusSchema } from '../checklists/status.ts';
import { checklistTypeSchema } from '../checklists/types.ts';
import { pdfTagSchema } from './pdf.ts';

/**
 * Federation (docs/federation.md): two CoRATES servers share records, the publisher's data stays
 * authoritative. The wire contract is ../shared/DESIGN.md "Federation".
 */

/** The version of the federation protocol itself (the well-known document's `federationVersion`). */
export const FEDERATION_VERSION = 1;

/**
 * The version of the federated record shapes (rows and checklist documents as they travel in a
 * share). Defined once here: the well-known document, invites and every pull answer read it.
 * Raise it when a federated shape changes incompatibly; raise `min` when the old one is dropped.
 * 2: a share carries outcomes and PDFs (the DAG's closure, docs/federation.md); 1 (studies and
 * checklists only) is not served any more: no subscriber of it was ever deployed.
 */
export const SCHEMA_VERSION = 2;
export const SUPPORTED_SCHEMA_VERSIONS = { min: 2, max: SCHEMA_VERSION } as const;

export const schemaVersionRangeSchema = z
  .object({ min: z.number().int().positive(), max: z.number().int().positive() })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });
export type SchemaVersionRange = z.infer<typeof schemaVersionRangeSchema>;

/** Whether two servers' supported schema versions overlap. */
export function schemaRangesOverlap(a: SchemaVersionRange, b: SchemaVersionRange): boolean {
  return a.min <= b.max && b.min <= a.max;
}

/** An Ed25519 public key as the well-known document publishes it: raw 32 bytes, base64url. */
export const ed25519PublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** A server's id: derived from its public key (docs/federation.md "Server identity"). */
export const serverIdSchema = z.string().regex(/^srv_[A-Za-z0-9_-]{22}$/);

/** `GET /.well-known/corates-federation`. */
export const federationIdentitySchema = z.object({
  origin: z.url(),
  serverId: serverIdSchema,
  publicKey: ed25519PublicKeySchema,
  schemaVersions: schemaVersionRangeSchema,
  federationVersion: z.literal(FEDERATION_VERSION),
});
export type FederationIdentity = z.infer<typeof federationIdentitySchema>;

// ---- Shares (the publisher's side) ----

export const shareIdSchema = z.string().min(1).max(64);
export const shareModeSchema = z.enum(['read']);
/** `paused`: refused for now (409 SHARE_PAUSED), resumable; `revoked`: for good. */
export const shareStatusSchema = z.enum(['active', 'paused', 'revoked']);

/** Most studies one share may name as its roots (a whole project needs none). */
export const MAX_SHARE_STUDIES = 500;

/** `POST /api/projects/<projectId>/shares`: the whole project, or only `studyIds`. */
/** The studies a study share names as its roots. */
const shareStudyIdsSchema = z
  .array(z.string().min(1).max(64))
  .min(1)
  .max(MAX_SHARE_STUDIES)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'study ids must be distinct' });

export const createShareSchema = z.strictObject({
  mode: shareModeSchema,
  studyIds: shareStudyIdsSchema.optional(),
});
export type CreateShare = z.infer<typeof createShareSchema>;

export const shareSchema = z.object({
  id: shareIdSchema,
  projectId: z.string(),
  mode: shareModeSchema,
  /** `project`: the whole project is the root; `studies`: the studies in `studyIds` are. */
  scope: z.enum(['project', 'studies']),
  studyIds: z.array(z.string()),
  status: shareStatusSchema,
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /** When an owner paused it; null while active (and for a revoked share never paused). */
  pausedAt: z.iso.datetime().nullable(),
});
export type Share = z.infer<typeof shareSchema>;

/**
 * `PATCH /api/shares/<shareId>`: pause or resume (revoking is `DELETE`, for good), and for a study
 * share, the studies it shares (a study taken out leaves it, with what it covered).
 */
export const updateShareSchema = z
  .strictObject({
    status: z.enum(['active', 'paused']).optional(),
    studyIds: shareStudyIdsSchema.optional(),
  })
  .refine((v) => v.status !== undefined || v.studyIds !== undefined, {
    message: 'nothing to update: give status or studyIds',
  });
export type UpdateShare = z.infer<typeof updateShareSchema>;

export const shareListSchema = z.object({ shares: z.array(shareSchema) });
export type ShareList = z.infer<typeof shareListSchema>;

// ---- Invites ----

/** How long an invite works. */
export const FEDERATION_INVITE_TTL_HOURS = 72;

/**
 * A compact signed token: `base64url(JSON claims) "." base64url(Ed25519 signature)`, signed with
 * the publisher's server key over the first part's ASCII bytes.
 */
export const compactTokenSchema = z
  .string()
  .max(4096)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);

/** What an invite carries (its claims). */
export const inviteClaimsSchema = z.strictObject({
  typ: z.literal('corates-federation-invite'),
  /** The publisher's origin and server id: where to redeem, whose key signed it. */
  iss: z.url(),
  sid: serverIdSchema,
  share: shareIdSchema,
  schemaVersions: schemaVersionRangeSchema,
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
  /** Single-use id: the publisher's `invites` row. */
  jti: z.string().min(1).max(64),
});
export type InviteClaims = z.infer<typeof inviteClaimsSchema>;

export const inviteCreatedSchema = z.object({
  invite: compactTokenSchema,
  expiresAt: z.iso.datetime(),
});
export type InviteCreated = z.infer<typeof inviteCreatedSchema>;

// ---- Redeeming (server to server) ----

/**
 * `POST /api/federation/v1/invites/redeem`, signed (RFC 9421) with the subscriber's key: the body
 * names that key, so the publisher checks the signature against it (proof of possession).
 */
export const redeemInviteSchema = z.strictObject({
  invite: compactTokenSchema,
  subscriber: z.strictObject({
    origin: z.url(),
    serverId: serverIdSchema,
    publicKey: ed25519PublicKeySchema,
    schemaVersions: schemaVersionRangeSchema,
  }),
});
export type RedeemInvite = z.infer<typeof redeemInviteSchema>;

export const inviteRedeemedSchema = z.object({
  shareId: shareIdSchema,
  /** The bearer token the subscriber sends (besides its signature) on every later request. */
  token: z.string().min(32),
  publisher: federationIdentitySchema,
  schemaVersion: z.number().int().positive(),
});
export type InviteRedeemed = z.infer<typeof inviteRedeemedSchema>;

// ---- Subscriptions (the subscriber's side) ----

/** `POST /api/federation/subscriptions`: an admin pastes an invite another server gave. */
export const subscribeSchema = z.strictObject({ invite: compactTokenSchema });
export type Subscribe = z.infer<typeof subscribeSchema>;

/** `active`: pulling; `paused`: stopped with a reason (`lastError`), e.g. a schema mismatch. */
export const subscriptionStateSchema = z.enum(['active', 'paused']);

export const subscriptionSchema = z.object({
  id: z.string(),
  /** The publisher, as its well-known document identified it when the invite was redeemed. */
  publisher: z.object({ serverId: serverIdSchema, origin: z.url() }),
  shareId: shareIdSchema,
  state: subscriptionStateSchema,
  /** The publisher's schema version agreed at redeem. */
  schemaVersion: z.number().int().positive(),
  lastError: z.string().nullable(),
  /** The publisher's change sequence applied so far (the `since` of the next pull). */
  cursor: z.number().int().nonnegative(),
  /** When a pull last reached the publisher and applied what it answered; null before the first. */
  lastPullAt: z.iso.datetime().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /**
   * The mirror project that shows the share here (read-only, owned by the admin who subscribed;
   * docs/federation.md "The mirror project"); null when it has none.
   */
  mirrorProjectId: z.string().nullable(),
  /**
   * Changes the publisher had, at the last page read, that the copy shown here lacks
   * (`subscriptionLag`); null before the first page.
   */
  lag: z.number().int().nonnegative().nullable(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/**
 * A subscription's lag: the publisher's last seq as its last page answered it (`lastSeq`) minus
 * the cursor of the copy this server shows, never negative (a publisher whose log restarted below
 * the cursor is a refetch's business, not a lag); null while no page said it.
 */
export function subscriptionLag(publisherSeq: number | null, cursor: number): number | null {
  return publisherSeq === null ? null : Math.max(publisherSeq - cursor, 0);
}

export const subscriptionListSchema = z.object({ subscriptions: z.array(subscriptionSchema) });
export type SubscriptionList = z.infer<typeof subscriptionListSchema>;

// ---- Pulling (server to server) ----

/**
 * `GET /api/federation/v1/shares/<shareId>`: what a subscriber may read about its share (bearer
 * token and signature required); the first authorized pull route.
 */
export const federatedShareSchema = z.object({
  shareId: shareIdSchema,
  mode: shareModeSchema,
  scope: z.enum(['project', 'studies']),
  studyIds: z.array(z.string()),
  schemaVersion: z.number().int().positive(),
});
export type FederatedShare = z.infer<typeof federatedShareSchema>;

// ---- The share's changes (server to server) ----

/** A shared study as it travels: its bibliographic fields, not the publisher's reviewer ids. */
export const federatedStudySchema = z.object({
  id: z.string(),
  title: z.string(),
  authors: z.string(),
  year: z.number().nullable(),
  journal: z.string(),
  doi: z.string(),
  design: z.string().nullable(),
  createdAt: z.string(),
});
export type FederatedStudy = z.infer<typeof federatedStudySchema>;

/** A checklist document's content, its notes and support texts as plain strings. */
export const federatedChecklistContentSchema = z.object({
  answers: z.record(z.string(), z.string()),
  notes: z.record(z.string(), z.string()),
  support: z.record(z.string(), z.string()),
  judgements: z.record(z.string(), assessorJudgementSchema),
});

/**
 * A shared checklist's header (no reviewer ids, only whether it is the reconciled one). Its
 * document's content travels beside it, as the change's `docUpdate`, and only when a blinded
 * project viewer could read it (the appraisal's result is in: finalized) — a share never carries
 * what blinding would withhold.
 */
export const federatedChecklistSchema = z.object({
  id: z.string(),
  studyId: z.string(),
  type: checklistTypeSchema,
  status: checklistStatusSchema,
  reconciled: z.boolean(),
  outcomeId: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type FederatedChecklist = z.infer<typeof federatedChecklistSchema>;

/** A shared outcome (what ROBINS-I and RoB 2 checklists assess). */
export const federatedOutcomeSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
});
export type FederatedOutcome = z.infer<typeof federatedOutcomeSchema>;

/** A PDF's SHA-256, lowercase hex: how a share names the file (`GET …/blobs/<sha256>`). */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** A shared PDF's metadata; its bytes are fetched by `sha256`. No uploader id. */
export const federatedPdfSchema = z.object({
  id: z.string(),
  studyId: z.string(),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  tag: pdfTagSchema,
  sha256: sha256HexSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FederatedPdf = z.infer<typeof federatedPdfSchema>;

/** `upsert`: the record as it is now; `leave`: it left the share (a tombstone, `row` absent). */
export const shareChangeOpSchema = z.enum(['upsert', 'leave']);
const changeBase = { seq: z.number().int().positive(), id: z.string(), op: shareChangeOpSchema };
export const shareChangeSchema = z
  .discriminatedUnion('entity', [
    z.object({ ...changeBase, entity: z.literal('study'), row: federatedStudySchema.optional() }),
    z.object({
      ...changeBase,
      entity: z.literal('checklist'),
      row: federatedChecklistSchema.optional(),
      /**
       * The checklist document as a Yjs update (base64) against the state the subscriber holds
       * (docs/federation.md "Checklist documents"), on an upsert whose content may go; an upsert
       * without it: the content is withheld, and the subscriber drops what it held of it.
       */
      docUpdate: z.base64().optional(),
    }),
    z.object({
      ...changeBase,
      entity: z.literal('outcome'),
      row: federatedOutcomeSchema.optional(),
    }),
    z.object({ ...changeBase, entity: z.literal('pdf'), row: federatedPdfSchema.optional() }),
  ])
  .refine((c) => (c.op === 'upsert') === (c.row !== undefined), {
    message: 'an upsert carries its row, a leave none',
  })
  .refine((c) => c.entity !== 'checklist' || c.op === 'upsert' || c.docUpdate === undefined, {
    message: 'only an upsert carries a document update',
  });
export type ShareChange = z.infer<typeof shareChangeSchema>;
export type ShareEntity = ShareChange['entity'];

/** At most this many changes in one page of `…/changes`. */
export const SHARE_CHANGES_MAX_LIMIT = 500;

/** `GET /api/federation/v1/shares/<shareId>/changes?since=&limit=&refetch=`. */
export const shareChangesQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(SHARE_CHANGES_MAX_LIMIT).default(200),
  /**
   * `1`: this `since` continues a read that began at 0 (the subscriber rebuilds its copy from it
   * alone), so the tombstone horizon does not apply to it; absent or `0`: an ordinary cursor.
   */
  refetch: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
});

/**
 * A page of the share's changes after `since`, in `seq` order. `checkpoint` is the `since` of the
 * next page (the last change's seq; `since` itself when there is none); `hasMore` says whether to
 * ask again now.
 */
export const shareChangesSchema = z.object({
  schemaVersion: z.number().int().positive(),
  changes: z.array(shareChangeSchema),
  checkpoint: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /**
   * The share's last seq when the page was read (never below `checkpoint`): how far behind the
   * subscriber still is (its lag). Additive: a publisher without it leaves the lag unknown.
   */
  lastSeq: z.number().int().nonnegative().optional(),
});
export type ShareChanges = z.infer<typeof shareChangesSchema>;

// ---- The subscriber's pull and what it holds ----

/** `POST /api/federation/subscriptions/<id>/pull`: what one pull applied and where it stands. */
export const subscriptionPulledSchema = z.object({
  subscription: subscriptionSchema,
  /** Changes applied by this pull (a refetch counts the whole share again). */
  applied: z.number().int().nonnegative(),
  /** The publisher answered MUST_REFETCH and the share was read again from the start. */
  refetched: z.boolean(),
});
export type SubscriptionPulled = z.infer<typeof subscriptionPulledSchema>;

/**
 * A received checklist: its header and its content as read from the document received (null when
 * the publisher withholds it).
 */
export const receivedChecklistSchema = federatedChecklistSchema.extend({
  content: federatedChecklistContentSchema.nullable(),
});
export type ReceivedChecklist = z.infer<typeof receivedChecklistSchema>;

/** `GET /api/federation/subscriptions/<id>/records`: the share's records as this server holds them. */
export const subscriptionRecordsSchema = z.object({
  studies: z.array(federatedStudySchema),
  checklists: z.array(receivedChecklistSchema),
});
export type SubscriptionRecords = z.infer<typeof subscriptionRecordsSchema>;

// ---- The owner's view of a share (helper "dag"; the admin pages read these) ----

/** A subscriber of the share as the publisher sees it. */
export const shareSubscriberViewSchema = z.object({
  id: z.string(),
  serverId: serverIdSchema,
  origin: z.string(),
  /** Everything up to this seq was applied by the subscriber (it asked for changes since it). */
  ackedSeq: z.number().int().nonnegative(),
  /** Changes not yet acknowledged: the share's `lastSeq` minus `ackedSeq`. */
  lag: z.number().int().nonnegative(),
  lastPullAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  /** Pulls refused because the subscriber's schema versions no longer overlap ours. */
  schemaRefusals: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
});
export type ShareSubscriberView = z.infer<typeof shareSubscriberViewSchema>;

/** `GET /api/shares/<shareId>`: the share, its log's position and its subscribers. */
export const shareDetailSchema = shareSchema.extend({
  /** The share's last change seq. */
  lastSeq: z.number().int().nonnegative(),
  /** Records the share covers now (its DAG's nodes, the project and files included). */
  recordCount: z.number().int().nonnegative(),
  subscribers: z.array(shareSubscriberViewSchema),
});
export type ShareDetail = z.infer<typeof shareDetailSchema>;

/** The kinds of node of a share's DAG: the served entities, the project root and PDF files. */
export const shareNodeEntitySchema = z.enum([
  'project',
  'study',
  'outcome',
  'checklist',
  'pdf',
  'file',
]);

/**
 * `GET /api/shares/<shareId>/graph`: the share's DAG as it is now. A node's `key` is
 * `<entity>:<id>` (unique in the graph); an edge goes `from` a record `to` one covered because of
 * it (project → study, study → checklist, checklist → outcome, pdf → file, …). `includedAt`: when
 * it joined the share.
 */
export const shareGraphSchema = z.object({
  nodes: z.array(
    z.object({
      key: z.string(),
      entity: shareNodeEntitySchema,
      id: z.string(),
      label: z.string(),
      includedAt: z.iso.datetime(),
    }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string(), includedAt: z.iso.datetime() })),
});
export type ShareGraph = z.infer<typeof shareGraphSchema>;

// ---- Unsubscribing (the subscriber's side; helper "scheduler") ----

/**
 * `DELETE /api/federation/subscriptions/<id>`: the subscription as it was before it and its
 * records were deleted here, and whether its publisher heard (it drops this server's subscriber
 * row; a publisher that could not be told keeps it, which changes nothing here).
 */
export const subscriptionDeletedSchema = z.object({
  subscription: subscriptionSchema,
  publisher: z.object({
    notified: z.boolean(),
    /** Why the publisher was not told (unreachable, its refusal); null when it was. */
    error: z.string().nullable(),
  }),
});
export type SubscriptionDeleted = z.infer<typeof subscriptionDeletedSchema>;

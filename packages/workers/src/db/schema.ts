import { sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
};

// ---- better-auth's tables (field names as its Drizzle adapter expects) ----

export const user = sqliteTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  image: text('image'),
  /** Platform-wide role (not a project role); better-auth never lets a client set it. */
  platformRole: text('platform_role', { enum: ['member', 'admin'] })
    .notNull()
    .default('member'),
  ...timestamps,
});

export const session = sqliteTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    ...timestamps,
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const account = sqliteTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: integer('access_token_expires_at', { mode: 'timestamp_ms' }),
    refreshTokenExpiresAt: integer('refresh_token_expires_at', { mode: 'timestamp_ms' }),
    scope: text('scope'),
    password: text('password'),
    ...timestamps,
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verification = sqliteTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  ...timestamps,
});

/** better-auth's rate-limit counters, in D1 so every isolate sees the same window. */
export const rateLimit = sqliteTable('rate_limit', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: integer('last_request').notNull(),
});

// ---- CoRATES ----

export const projects = sqliteTable(
  'projects',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdBy: text('created_by')
      .notNull()
      .references(() => user.id),
    /** Bumped on every write; lets clients detect stale writes. */
    version: integer('version').notNull().default(1),
    /**
     * Federation (issue 17, migration 0017): set for a mirror of another server's share — the
     * subscription (`subscriptions.id`) whose pulls write it; null for a project of this server.
     * Users never write a mirror (docs/federation.md "The mirror project").
     */
    mirrorOfSubscription: text('mirror_of_subscription'),
    /** The publisher's origin a mirror comes from ("from <origin>"); null when not a mirror. */
    mirrorOrigin: text('mirror_origin'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('projects_mirror_idx')
      .on(t.mirrorOfSubscription)
      .where(sql`${t.mirrorOfSubscription} IS NOT NULL`),
  ],
);

export const projectMembers = sqliteTable(
  'project_members',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('members_user_idx').on(t.userId)],
);

/**
 * People invited to a project by email (DESIGN: adding an email answers the same whether or not
 * an account exists; the invitee accepts after signing in with that address). Only a hash of the
 * link's token is kept, so a copy of this table opens no project. Pending = neither revoked nor
 * accepted; at most one pending invitation per project and email (inviting again renews it).
 */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Lower case, as the shared email schema leaves it. */
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
    /** SHA-256 (hex) of the token in the invitation link. */
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => user.id, { onDelete: 'set null' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
    acceptedBy: text('accepted_by').references(() => user.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('invitations_one_pending_idx')
      .on(t.projectId, t.email)
      .where(sql`${t.revokedAt} is null and ${t.acceptedAt} is null`),
  ],
);

export const userSettings = sqliteTable('user_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  /** JSON of a partial UserSettings; defaults fill the rest on read. */
  settings: text('settings').notNull(),
  ...timestamps,
});

/** Runtime configuration a maintainer changes without a redeploy (minSupportedClient, cacheVersion). */
export const appConfig = sqliteTable('app_config', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamps.updatedAt,
});

// ---- PDFs: metadata here, bytes in R2 under `r2Key` (never changed once written) ----

export const pdfs = sqliteTable(
  'pdfs',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** A study in the project's Yjs document; not a foreign key (the document is not in D1). */
    studyId: text('study_id').notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    tag: text('tag', { enum: ['primary', 'protocol', 'secondary'] }).notNull(),
    r2Key: text('r2_key').notNull(),
    /**
     * SHA-256 of the bytes (hex): how a federated share names the file. Null until known: a PDF of
     * a shared project is hashed from R2 when its shares are refreshed (federation/share-changes.ts).
     */
    sha256: text('sha256'),
    uploadedBy: text('uploaded_by').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('pdfs_study_idx').on(t.projectId, t.studyId),
    // At most one primary per study, whatever the write path.
    uniqueIndex('pdfs_one_primary_idx')
      .on(t.projectId, t.studyId)
      .where(sql`${t.tag} = 'primary'`),
  ],
);

// ---- Copies of each project's Yjs document, exported by its ProjectDoc for server-side reads ----

/** The compacted document, split into chunks under D1's 2 MB value limit. */
export const projectDocChunks = sqliteTable(
  'project_doc_chunks',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    idx: integer('idx').notNull(),
    data: blob('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.idx] })],
);

/**
 * Document model v2: each checklist document's content (answers, notes, support texts, assessor
 * judgements) as JSON, split into chunks under D1's 2 MB value limit. Written by the project's
 * ProjectDoc alarm for the checklists that changed since the last export; the CSV export joins it
 * with the checklist headers of `project_doc_chunks`.
 */
export const checklistContentChunks = sqliteTable(
  'checklist_content_chunks',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    checklistId: text('checklist_id').notNull(),
    idx: integer('idx').notNull(),
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.checklistId, t.idx] })],
);

/** Derived per-project summary (studies, checklists by status, scores), as JSON. */
export const projectSummaries = sqliteTable('project_summaries', {
  projectId: text('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  schemaVersion: integer('schema_version').notNull(),
  docBytes: integer('doc_bytes').notNull(),
  summary: text('summary').notNull(),
  updatedAt: timestamps.updatedAt,
});

// ---- Offline sync: the pull feed and exactly-once ops ----

/**
 * Every change to a syncable row, in server order. `seq` is the pull cursor. The audience is
 * either a project's members (project_id) or one user (user_id), decided when written, so a
 * removed member still receives the tombstone that tells them to drop the project.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    entity: text('entity', { enum: ['project', 'membership', 'settings', 'pdf'] }).notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    projectId: text('project_id'),
    userId: text('user_id'),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index('change_log_project_idx').on(t.projectId, t.seq),
    index('change_log_user_idx').on(t.userId, t.seq),
  ],
);

/**
 * Always empty: a batch of mutations (src/domain/mutations) starts its commit by inserting here
 * whether the rows it planned on are unchanged; a trigger drops the row when they are and aborts
 * the whole transaction when they are not (drizzle/0008_commit_guards.sql).
 */
export const commitGuards = sqliteTable('commit_guards', {
  unchanged: integer('unchanged', { mode: 'boolean' }).notNull(),
});

/** Ops already run, by their client-chosen id: a repeat returns the first result. */
export const appliedOps = sqliteTable('applied_ops', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  type: text('type').notNull(),
  /** The first result's status (applied, conflict or rejected); the result itself below. */
  status: text('status').notNull(),
  result: text('result'),
  createdAt: timestamps.createdAt,
});

/**
 * REST mutations sent with an `Idempotency-Key` header: the first answer, replayed for a repeat
 * of the same request (the ops endpoint has its own keys, the op ids, in applied_ops).
 */
export const idempotentRequests = sqliteTable(
  'idempotent_requests',
  {
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of method, path, query and body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    /** Null while the first request runs. */
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseType: text('response_type'),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

// ---- Operational telemetry (read by platform admins) ----

/** Requests per day per `X-Client-Version`: the client-version distribution. */
export const clientVersionDaily = sqliteTable(
  'client_version_daily',
  {
    day: text('day').notNull(),
    version: text('version').notNull(),
    requests: integer('requests').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.version] })],
);

/** Clients' own sync reports (backlog, failures, replay time), one row per report id. */
export const telemetryReports = sqliteTable(
  'telemetry_reports',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    clientId: text('client_id').notNull(),
    clientVersion: text('client_version').notNull(),
    reportedAt: integer('reported_at', { mode: 'timestamp_ms' }).notNull(),
    queuedOps: integer('queued_ops').notNull(),
    syncAttempts: integer('sync_attempts').notNull(),
    syncFailures: integer('sync_failures').notNull(),
    replayMs: integer('replay_ms'),
    receivedAt: timestamps.createdAt,
  },
  (t) => [
    index('telemetry_reported_idx').on(t.reportedAt),
    index('telemetry_client_idx').on(t.clientId, t.reportedAt),
  ],
);

// ---- Alerts on the telemetry (docs/runbooks/alerts.md) ----

/** One row per watched metric (ALERT_METRICS); a metric without a row is not watched. */
export const alertThresholds = sqliteTable('alert_thresholds', {
  metric: text('metric').primaryKey(),
  max: real('max').notNull(),
  /** nearMinShare only: how many minor versions above minSupportedClient count as near. */
  minorVersions: integer('minor_versions'),
  updatedAt: timestamps.updatedAt,
});

/** Alerts raised by the scheduled check; open while `resolvedAt` is null. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    metric: text('metric').notNull(),
    threshold: real('threshold').notNull(),
    figure: real('figure').notNull(),
    lastFigure: real('last_figure').notNull(),
    detail: text('detail'),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // At most one open alert per metric, even if two checks overlap: the de-duplication rule.
    uniqueIndex('alerts_open_metric_idx')
      .on(t.metric)
      .where(sql`${t.resolvedAt} is null`),
    index('alerts_opened_idx').on(t.openedAt),
  ],
);

// ---- Federation (docs/federation.md; issue 17) ----

/** Other CoRATES servers this one knows, by the identity their well-known document publishes. */
export const servers = sqliteTable('servers', {
  /** `srv_…`, derived from the public key. */
  id: text('id').primaryKey(),
  origin: text('origin').notNull(),
  /** Raw Ed25519 public key, base64url. */
  publicKey: text('public_key').notNull(),
  schemaMin: integer('schema_min').notNull(),
  schemaMax: integer('schema_max').notNull(),
  ...timestamps,
});

/** What a project's owner shares with other servers, read-only. */
export const shares = sqliteTable(
  'shares',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ['read'] }).notNull(),
    /** `project`: the project is the one root; `studies`: share_roots lists the studies. */
    scope: text('scope', { enum: ['project', 'studies'] }).notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    /** Paused by an owner: subscribers are refused (409 SHARE_PAUSED) until it is resumed. */
    pausedAt: integer('paused_at', { mode: 'timestamp_ms' }),
    /**
     * The `project_summaries.updated_at` of the D1 export the share's log was last refreshed from;
     * null when a refresh is owed (a new share, a failed refresh after a PDF write). A pull
     * refreshes only when the export is newer than this (federation/share-changes.ts).
     */
    sourceAt: integer('source_at'),
    /** The share's last change sequence number (`share_updates.seq`). */
    lastSeq: integer('last_seq').notNull().default(0),
    /**
     * The tombstone horizon: tombstones up to this seq were purged, so a subscriber asking for
     * changes since an older seq must read the share again (MUST_REFETCH).
     */
    horizonSeq: integer('horizon_seq').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('shares_project_idx').on(t.projectId)],
);

/**
 * The share's change log, compacted: one row per record the share covers or covered, with the seq
 * of its last change, so a pull since any seq is the rows after it (nothing grows with edits).
 * `row` is the record as served (JSON) for an upsert, null for a tombstone (`leave`).
 */
export const shareUpdates = sqliteTable(
  'share_updates',
  {
    shareId: text('share_id')
      .notNull()
      .references(() => shares.id, { onDelete: 'cascade' }),
    entity: text('entity', { enum: ['study', 'outcome', 'checklist', 'pdf'] }).notNull(),
    entityId: text('entity_id').notNull(),
    seq: integer('seq').notNull(),
    op: text('op', { enum: ['upsert', 'leave'] }).notNull(),
    row: text('row'),
    changedAt: integer('changed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shareId, t.entity, t.entityId] }),
    index('share_updates_seq_idx').on(t.shareId, t.seq),
  ],
);

/** A share's roots: the records whose dependency closure it covers. */
export const shareRoots = sqliteTable(
  'share_roots',
  {
    shareId: text('share_id')
      .notNull()
      .references(() => shares.id, { onDelete: 'cascade' }),
    entity: text('entity', { enum: ['project', 'study'] }).notNull(),
    entityId: text('entity_id').notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.shareId, t.entity, t.entityId] })],
);

/** The kinds of node in a share's DAG: the served entities, the project root and PDF files. */
const shareNodeEntities = ['project', 'study', 'outcome', 'checklist', 'pdf', 'file'] as const;

/**
 * The share's DAG, its nodes: every record the share covers now (a file by its SHA-256), with the
 * label the admin views show and when it joined. A record that leaves is deleted here (its
 * tombstone is in `share_updates`). Kept current by the share's refresh, with `share_updates`.
 */
export const shareRecords = sqliteTable(
  'share_records',
  {
    shareId: text('share_id')
      .notNull()
      .references(() => shares.id, { onDelete: 'cascade' }),
    entity: text('entity', { enum: shareNodeEntities }).notNull(),
    entityId: text('entity_id').notNull(),
    label: text('label').notNull(),
    includedAt: integer('included_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shareId, t.entity, t.entityId] })],
);

/** The share's DAG, its edges: `to` is covered because `from` is (project → study, study → pdf, …). */
export const shareEdges = sqliteTable(
  'share_edges',
  {
    shareId: text('share_id')
      .notNull()
      .references(() => shares.id, { onDelete: 'cascade' }),
    fromEntity: text('from_entity', { enum: shareNodeEntities }).notNull(),
    fromId: text('from_id').notNull(),
    toEntity: text('to_entity', { enum: shareNodeEntities }).notNull(),
    toId: text('to_id').notNull(),
    includedAt: integer('included_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shareId, t.fromEntity, t.fromId, t.toEntity, t.toId] })],
);

/**
 * Signed invites to a share. The token itself is not kept (the server re-verifies its signature);
 * the row makes it single-use and revocable. `id` is the token's `jti`.
 */
export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    shareId: text('share_id')
      .notNull()
      .references(() => shares.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    redeemedAt: integer('redeemed_at', { mode: 'timestamp_ms' }),
    redeemedBy: text('redeemed_by').references(() => servers.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('invites_share_idx').on(t.shareId)],
);

/**
 * A server subscribed to a share. One acknowledged watermark per subscriber (`ackedSeq`), not one
 * row per update per subscriber, so nothing here grows with the change log.
 */
export const shareSubscribers = sqliteTable(
  'share_subscribers',
  {
    id: text('id').primaryKey(),
    shareId: text('share_id')
      .notNull()
      .references(() => shares.id, { onDelete: 'cascade' }),
    serverId: text('server_id')
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    /** SHA-256 (hex) of the subscriber's bearer token. */
    tokenHash: text('token_hash').notNull().unique(),
    ackedSeq: integer('acked_seq').notNull().default(0),
    /** Pulls refused because the subscriber's schema versions no longer overlap ours (admin view). */
    schemaRefusals: integer('schema_refusals').notNull().default(0),
    lastPullAt: integer('last_pull_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    ...timestamps,
  },
  (t) => [uniqueIndex('share_subscribers_one_idx').on(t.shareId, t.serverId)],
);

/**
 * Signatures of server-to-server requests seen within the signature window (keyid + nonce), so a
 * replayed request is refused; older rows are purged as new ones arrive.
 */
export const federationNonces = sqliteTable(
  'federation_nonces',
  {
    keyId: text('key_id').notNull(),
    nonce: text('nonce').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.keyId, t.nonce] }),
    index('federation_nonces_created_idx').on(t.createdAt),
  ],
);

/**
 * The subscriber's side: shares of other servers this server mirrors, one per publisher + share.
 * The bearer token is kept as given (not hashed, unlike `share_subscribers`): this server must
 * send it with every pull. `cursor` is the publisher's change sequence applied so far.
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: text('id').primaryKey(),
    publisherId: text('publisher_id')
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    /** The share's id at the publisher. */
    shareId: text('share_id').notNull(),
    token: text('token').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    cursor: integer('cursor').notNull().default(0),
    state: text('state', { enum: ['active', 'paused'] })
      .notNull()
      .default('active'),
    lastError: text('last_error'),
    lastPullAt: integer('last_pull_at', { mode: 'timestamp_ms' }),
    /**
     * A read from 0 under way (pull.ts): the cursor of the copy it builds beside the held one
     * (refetch_records, refetch_checklist_docs; migration 0018), null when none; and when it began.
     */
    refetchCursor: integer('refetch_cursor'),
    refetchStartedAt: integer('refetch_started_at', { mode: 'timestamp_ms' }),
    /**
     * The publisher's last seq as the last page applied said it (`lastSeq`, migration 0019),
     * written with the cursor; null before the first page. The lag is counted from it.
     */
    publisherSeq: integer('publisher_seq'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('subscriptions_share_idx').on(t.publisherId, t.shareId)],
);

/**
 * The subscriber's copy of a share's records, read-only here: one row per record the publisher
 * upserted (a `leave` deletes it). Written with the subscription's cursor in one batch.
 */
export const receivedRecords = sqliteTable('received_records', heldRecordColumns(), (t) => [
  primaryKey({ columns: [t.subscriptionId, t.entity, t.entityId] }),
]);

/** The columns of a copy of a share's records: the held one, and one a read from 0 builds. */
function heldRecordColumns() {
  return {
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    entity: text('entity', { enum: ['study', 'outcome', 'checklist', 'pdf'] }).notNull(),
    entityId: text('entity_id').notNull(),
    seq: integer('seq').notNull(),
    row: text('row').notNull(),
  };
}

/** The columns of a copy of the received checklist documents (chunked Yjs state), held or built. */
function heldChecklistDocColumns() {
  return {
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    checklistId: text('checklist_id').notNull(),
    idx: integer('idx').notNull(),
    data: blob('data').notNull(),
  };
}

/**
 * What a publisher knows of a subscriber's copy of each checklist document (migration 0016): the
 * state vector acknowledged and the last one sent with its change's seq — one row per subscriber
 * and checklist, not per update (federation/doc-deliveries.ts decides which vector to diff against).
 */
export const shareDocDeliveries = sqliteTable(
  'share_doc_deliveries',
  {
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => shareSubscribers.id, { onDelete: 'cascade' }),
    checklistId: text('checklist_id').notNull(),
    acked: blob('acked'),
    sentSeq: integer('sent_seq'),
    sent: blob('sent'),
    token: text('token').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.checklistId] }),
    index('share_doc_deliveries_sent_idx').on(t.subscriberId, t.sentSeq),
  ],
);

/** The subscriber's Yjs state of each received checklist document, chunked (migration 0016). */
export const receivedChecklistDocs = sqliteTable(
  'received_checklist_docs',
  heldChecklistDocColumns(),
  (t) => [primaryKey({ columns: [t.subscriptionId, t.checklistId, t.idx] })],
);

/**
 * A read from 0 under way builds its copy here, beside the held one, and the last page's batch
 * swaps it in (migration 0018; pull.ts), with the held copy's columns.
 */
export const refetchRecords = sqliteTable('refetch_records', heldRecordColumns(), (t) => [
  primaryKey({ columns: [t.subscriptionId, t.entity, t.entityId] }),
]);

export const refetchChecklistDocs = sqliteTable(
  'refetch_checklist_docs',
  heldChecklistDocColumns(),
  (t) => [primaryKey({ columns: [t.subscriptionId, t.checklistId, t.idx] })],
);

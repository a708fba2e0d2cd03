import { z } from 'zod';

/**
 * Every error the API can answer, by stable code. Clients branch on these, never on messages.
 * Adding a code is backwards compatible; renaming or removing one is a breaking change.
 */
export const ErrorCode = {
  /** The request body, query or params failed validation; `details` holds the Zod issues. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** No valid session cookie. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Sign-in with a wrong email or password (the answer does not say which). */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** Sign-up with an email that already has an account. */
  ACCOUNT_EXISTS: 'ACCOUNT_EXISTS',
  /** Changing the password or email: the current password given is not the account's. */
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  /** A password-reset link that is unknown, already used or past its time; ask for a new one. */
  RESET_LINK_INVALID: 'RESET_LINK_INVALID',
  /** Signed in, but the caller's role does not allow this action. */
  FORBIDDEN: 'FORBIDDEN',
  /** A browser request (a write or a WebSocket upgrade) came from a page of another site. */
  FORBIDDEN_ORIGIN: 'FORBIDDEN_ORIGIN',
  /** The resource does not exist or the caller may not see it (non-members get this, not 403). */
  NOT_FOUND: 'NOT_FOUND',
  /** The request conflicts with current state (e.g. the user is already a member). */
  CONFLICT: 'CONFLICT',
  /** The change would leave a project without an owner. */
  LAST_OWNER: 'LAST_OWNER',
  /** `X-Client-Version` is below the server's `minSupportedClient`; the client must upgrade. */
  CLIENT_TOO_OLD: 'CLIENT_TOO_OLD',
  /** `X-Client-Version` is missing or not a semver string on a data route. */
  CLIENT_VERSION_INVALID: 'CLIENT_VERSION_INVALID',
  /** The new password is too common or too close to the account's email or name. */
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  /** The invitation's time ran out; the project's owner can invite again. */
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  /** The invitation was sent to another email address than the signed-in account's. */
  INVITATION_WRONG_ACCOUNT: 'INVITATION_WRONG_ACCOUNT',
  /** The body is larger than the route accepts. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The body is not of a type the route accepts (e.g. an upload that does not start `%PDF-`). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** Too many requests from this client in the current window. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** An `Idempotency-Key` was reused with a different request. */
  IDEMPOTENCY_MISMATCH: 'IDEMPOTENCY_MISMATCH',
  /** A queued op in a payload shape older than the server still translates (see op-adapters). */
  OP_VERSION_RETIRED: 'OP_VERSION_RETIRED',
  /** Federation: this server has no key (`FEDERATION_PRIVATE_KEY` unset; docs/federation.md). */
  FEDERATION_NOT_CONFIGURED: 'FEDERATION_NOT_CONFIGURED',
  /** Federation: a server-to-server request without an RFC 9421 signature (or its digest, date). */
  SIGNATURE_MISSING: 'SIGNATURE_MISSING',
  /** Federation: the signature, its covered components or the content digest do not verify. */
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  /** Federation: the signature was made outside the 5-minute window around the server's clock. */
  SIGNATURE_OUT_OF_WINDOW: 'SIGNATURE_OUT_OF_WINDOW',
  /** Federation: this signature (key and nonce) was already seen; a request is not replayed. */
  SIGNATURE_REPLAYED: 'SIGNATURE_REPLAYED',
  /** Federation: the invite is malformed, forged, tampered with or names no share of this server. */
  INVITE_INVALID: 'INVITE_INVALID',
  /** Federation: the invite's time ran out; the share's owner can make another. */
  INVITE_EXPIRED: 'INVITE_EXPIRED',
  /** Federation: the invite was already redeemed (invites are single-use). */
  INVITE_USED: 'INVITE_USED',
  /** Federation: the share was revoked by its owner. */
  SHARE_REVOKED: 'SHARE_REVOKED',
  /** Federation: the two servers' schema versions do not overlap; `details.supported` has ours. */
  SCHEMA_MISMATCH: 'SCHEMA_MISMATCH',
  /**
   * Federation: the pull's `since` is older than what the publisher keeps of the share's changes
   * (its tombstone horizon) or newer than any it made; the subscriber reads the share again from 0.
   */
  MUST_REFETCH: 'MUST_REFETCH',
  /** Federation: the share's owner paused it; the subscriber keeps its place and asks again later. */
  SHARE_PAUSED: 'SHARE_PAUSED',
  /**
   * Federation: the invite names a publisher this server will not call — not https, or a private,
   * loopback or link-local address (unless the local-development setting allows them).
   */
  PEER_ORIGIN_REFUSED: 'PEER_ORIGIN_REFUSED',
  /**
   * Federation: the other server did not answer, or answered something unexpected;
   * `details.status` and `details.code` say what it answered, when it did.
   */
  PEER_UNREACHABLE: 'PEER_UNREACHABLE',
  /** Federation: a server-to-server request without a bearer token this server gave its signer. */
  FEDERATION_TOKEN_INVALID: 'FEDERATION_TOKEN_INVALID',
  /**
   * Federation: the project is a mirror of another server's share, written only by this server's
   * pulls; nobody edits it here (its owner may still add and remove members).
   */
  MIRROR_READ_ONLY: 'MIRROR_READ_ONLY',
  /** Unexpected server failure; the message never carries internals. */
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorCodeSchema = z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]);

/** The one error envelope every route answers with. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Narrow an unknown JSON body to the error envelope, or undefined if it is not one. */
export function parseErrorEnvelope(body: unknown): ErrorEnvelope | undefined {
  const parsed = errorEnvelopeSchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

/** The HTTP status each code is answered with: one table for server and client. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  CLIENT_VERSION_INVALID: 400,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  WRONG_PASSWORD: 403,
  RESET_LINK_INVALID: 410,
  INVITATION_WRONG_ACCOUNT: 403,
  FORBIDDEN_ORIGIN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVITATION_EXPIRED: 410,
  LAST_OWNER: 409,
  ACCOUNT_EXISTS: 422,
  IDEMPOTENCY_MISMATCH: 422,
  OP_VERSION_RETIRED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CLIENT_TOO_OLD: 426,
  RATE_LIMITED: 429,
  FEDERATION_NOT_CONFIGURED: 503,
  SIGNATURE_MISSING: 401,
  SIGNATURE_INVALID: 401,
  SIGNATURE_OUT_OF_WINDOW: 401,
  SIGNATURE_REPLAYED: 401,
  INVITE_INVALID: 400,
  INVITE_EXPIRED: 410,
  INVITE_USED: 409,
  SHARE_REVOKED: 410,
  SCHEMA_MISMATCH: 409,
  MUST_REFETCH: 409,
  SHARE_PAUSED: 409,
  PEER_ORIGIN_REFUSED: 400,
  PEER_UNREACHABLE: 502,
  FEDERATION_TOKEN_INVALID: 401,
  MIRROR_READ_ONLY: 403,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

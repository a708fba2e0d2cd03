import { adaptOpPayload, describeOpPayload } from '@corates/shared';
import type { QueuedOp } from '../offline/index.ts';

/** A queued op in words, for the sync panel ("Rename project to “Trial B”"). */
export function describeOp(op: Pick<QueuedOp, 'type' | 'payload' | 'clientVersion'>): string {
  // An older build's op may be in a legacy shape; describe it as the server will read it.
  const adapted = adaptOpPayload(op.type, op.clientVersion, op.payload);
  return describeOpPayload(op.type, adapted.ok ? adapted.payload : op.payload);
}

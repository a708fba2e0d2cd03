import {
  MAX_TELEMETRY_REPORTS,
  type TelemetryReport,
  telemetryReportSchema,
} from '@corates/shared';
import { api } from '../api/client.ts';
import { APP_VERSION } from '../env.ts';
import type { SyncDb } from '../sync/offline/index.ts';
import {
  EMPTY_COUNTERS,
  type SyncCounters,
  bufferReport,
  countBatch,
  takeReport,
  worthReporting,
} from './sync-counters.ts';

const CLIENT_ID_KEY = 'corates.telemetry.clientId';
const BUFFER_KEY = 'corates.telemetry.buffer';
const REPORT_EVERY_MS = 5 * 60_000;

/** One id per browser profile, so the server keeps one backlog row per client. */
function clientId(): string {
  let id = localStorage.getItem(CLIENT_ID_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(CLIENT_ID_KEY, id);
  }
  return id;
}

function readBuffer(): TelemetryReport[] {
  try {
    const parsed = telemetryReportSchema
      .array()
      .safeParse(JSON.parse(localStorage.getItem(BUFFER_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function writeBuffer(reports: TelemetryReport[]) {
  localStorage.setItem(BUFFER_KEY, JSON.stringify(reports));
}

/**
 * Reports this client's sync health (backlog, failures, replay time; docs/runbooks/admins.md).
 * Reports wait in localStorage while offline and go out in batches; the server drops repeats by
 * id, so a lost response only means a resend. Only the tab that drains the queue reports.
 */
export function createTelemetryReporter(db: SyncDb, isLeader: () => boolean) {
  let counters: SyncCounters = EMPTY_COUNTERS;
  let flushing = false;

  async function flush() {
    if (flushing || !navigator.onLine) return;
    flushing = true;
    try {
      let buffer = readBuffer();
      while (buffer.length > 0) {
        const batch = buffer.slice(0, MAX_TELEMETRY_REPORTS);
        const { response } = await api.POST('/api/telemetry/reports', { body: { reports: batch } });
        if (!response.ok) return;
        const sent = new Set(batch.map((r) => r.id));
        // Re-read: another tab may have added reports meanwhile.
        buffer = readBuffer().filter((r) => !sent.has(r.id));
        writeBuffer(buffer);
      }
    } catch {
      // Offline or refused: the reports stay buffered for the next try.
    } finally {
      flushing = false;
    }
  }

  async function report() {
    if (!isLeader()) return;
    const queuedOps = await db.ops.count();
    if (!worthReporting(counters, queuedOps)) return;
    const taken = takeReport(counters, {
      id: crypto.randomUUID(),
      clientId: clientId(),
      clientVersion: APP_VERSION,
      at: new Date(),
      queuedOps,
    });
    counters = taken.next;
    writeBuffer(bufferReport(readBuffer(), taken.report));
    await flush();
  }

  const timer = setInterval(() => void report(), REPORT_EVERY_MS);
  const onOnline = () => void flush();
  window.addEventListener('online', onOnline);

  return {
    /** Wire to the engine's `onBatchSent`. */
    batchSent(batch: { ops: number; ok: boolean }) {
      // Failed ops wait for the user, not for the network: the drain is over without them.
      void db.ops
        .where('status')
        .anyOf('pending', 'syncing')
        .count()
        .then((queued) => {
          counters = countBatch(counters, batch, queued, performance.now());
          // A finished drain is the figure most worth having soon.
          if (counters.replayMs !== undefined) void report();
        });
    },
    stop() {
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    },
  };
}

import type { AdminTelemetry } from '@corates/shared';
import { api, dataOf } from '../api/client.ts';

export async function getTelemetry(days: number): Promise<AdminTelemetry> {
  return dataOf(await api.GET('/api/admin/telemetry', { params: { query: { days } } }));
}

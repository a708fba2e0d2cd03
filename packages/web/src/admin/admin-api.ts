import type { AdminAlerts, AdminTelemetry, AlertThreshold } from '@corates/shared';
import { api, dataOf } from '../api/client.ts';

export async function getTelemetry(days: number): Promise<AdminTelemetry> {
  return dataOf(await api.GET('/api/admin/telemetry', { params: { query: { days } } }));
}

export async function getAlerts(): Promise<AdminAlerts> {
  return dataOf(await api.GET('/api/admin/alerts'));
}

export async function putThresholds(thresholds: AlertThreshold[]): Promise<AdminAlerts> {
  return dataOf(await api.PUT('/api/admin/alerts/thresholds', { body: { thresholds } }));
}

/** Runs the scheduled check now. */
export async function runAlertCheck(): Promise<AdminAlerts> {
  return dataOf(await api.POST('/api/admin/alerts/check'));
}

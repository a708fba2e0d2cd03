/** Resolves to `value` after `ms`; unref'd, so a pending one never keeps the process alive. */
export function sleep<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}

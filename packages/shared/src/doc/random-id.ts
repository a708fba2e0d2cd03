/**
 * WebCrypto's `crypto.randomUUID`, present in every runtime the model runs in (browsers, workerd,
 * Node ≥ 19). Declared here because `shared` compiles without DOM or Node types.
 */
declare const crypto: { randomUUID(): string };

/** A new random id for a document entry (study, outcome). */
export const randomId = (): string => crypto.randomUUID();

import {
  FEDERATION_VERSION,
  SUPPORTED_SCHEMA_VERSIONS,
  type FederationIdentity,
} from '@corates/shared';
import type { Bindings } from '../env.ts';
import { AppError } from '../lib/app-error.ts';
import { importServerKey, type ServerKey } from './server-key.ts';

/**
 * The server's federation key comes from `FEDERATION_PRIVATE_KEY` (a Worker secret, so not in the
 * generated `Env`; docs/federation.md "Server identity"). Imported once per isolate and seed.
 * `FEDERATION_ALLOW_LOCAL_PEERS` is the local-development setting (passed by scripts/start.sh
 * only when asked for, never deployed): see `allowLocalPeers`.
 */
type FederationBindings = Bindings & {
  FEDERATION_PRIVATE_KEY?: string;
  FEDERATION_ALLOW_LOCAL_PEERS?: string;
};

/**
 * Whether this server may call peers over http and at loopback or private addresses: only with
 * `FEDERATION_ALLOW_LOCAL_PEERS=true`, so two local servers can subscribe to each other
 * (docs/federation.md "Two servers locally"). Anything else keeps the SSRF rule.
 */
export function allowLocalPeers(env: Bindings): boolean {
  return (env as FederationBindings).FEDERATION_ALLOW_LOCAL_PEERS === 'true';
}

const imported = new Map<string, Promise<ServerKey>>();

/** This server's key; 503 FEDERATION_NOT_CONFIGURED without one (or with a malformed one). */
export async function serverKey(env: Bindings): Promise<ServerKey> {
  const seed = (env as FederationBindings).FEDERATION_PRIVATE_KEY?.trim();
  if (!seed) {
    throw new AppError('FEDERATION_NOT_CONFIGURED', 'this server has no federation key');
  }
  let key = imported.get(seed);
  if (!key) {
    key = importServerKey(seed);
    imported.set(seed, key);
  }
  return key.catch(() => {
    imported.delete(seed);
    throw new AppError('FEDERATION_NOT_CONFIGURED', 'FEDERATION_PRIVATE_KEY is not a valid key');
  });
}

/** What `GET /.well-known/corates-federation` publishes. */
export function identityDocument(key: ServerKey, origin: string): FederationIdentity {
  return {
    origin,
    serverId: key.serverId,
    publicKey: key.publicKeyB64,
    schemaVersions: { ...SUPPORTED_SCHEMA_VERSIONS },
    federationVersion: FEDERATION_VERSION,
  };
}

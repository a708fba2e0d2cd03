import type { Context } from 'hono';
import type { Database } from './db/client.ts';
import type { SessionUser } from './auth/session.ts';
import type { AuthorizedPeer } from './federation/peer-auth.ts';

/** Bindings come from wrangler.jsonc (`pnpm cf-typegen` → worker-configuration.d.ts). */
export type Bindings = Env;

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    db: Database;
    /** Set by `requireSession`; absent on public routes. */
    user: SessionUser;
    /** Set by `requirePeer` on a subscriber's requests for a share (federation). */
    peer: AuthorizedPeer;
  };
}

export type AppContext = Context<AppEnv>;

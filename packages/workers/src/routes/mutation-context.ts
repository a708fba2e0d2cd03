import type { AppContext } from '../env.ts';
import type { MutationContext } from '../domain/mutations/run-mutations.ts';

/** Who mutates, and with what: the signed-in caller (after `requireSession`) and the bindings. */
export function mutationContext(c: AppContext): MutationContext {
  const { id, email, name } = c.var.user;
  return {
    db: c.var.db,
    env: c.env,
    caller: { id, email, name },
    origin: new URL(c.req.url).origin,
  };
}

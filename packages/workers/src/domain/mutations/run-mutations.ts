import type { Database } from '../../db/client.ts';
import { docAccess } from '../../durable/doc-access.ts';
import type { Bindings } from '../../env.ts';
import { AppError } from '../../lib/app-error.ts';
import { deleteProjectPdfObjects } from '../pdfs.ts';
import { issueToken, type IssuedToken } from '../invitations.ts';
import { invitationMail } from '../../mail/invitation-mail.ts';
import type { MailSettings } from '../../mail/mail-transport.ts';
import { selectTransport } from '../../mail/select-transport.ts';
import { refreshSharesAfterWrite } from '../../federation/share-changes.ts';
import { commitPlan, lostRace } from './commit.ts';
import { keysOf } from './keys.ts';
import { loadWorld } from './load-world.ts';
import { planBatch, type Entry, type EntryResult } from './plan.ts';
import { definitionOf, type Effect, type Mutation, type Outcome } from './rules.ts';
import { roleIn, type Account, type World } from './world.ts';

export interface MutationContext {
  db: Database;
  env: Bindings;
  caller: Account;
  /** The app's origin (`https://…`), for the links mail carries. */
  origin: string;
}

/** Links the local mail transport hands back for the sender to pass on, by invitation id. */
export type ShownLinks = ReadonlyMap<string, string>;

/** Enough for bursts of concurrent requests on one project; each attempt is a few milliseconds. */
const ATTEMPTS = 6;

/**
 * Runs a batch of mutations as one read, one pure plan and one atomic commit (so a batch costs two
 * D1 round trips, not several per op). When another request changed what the plan read, or ran one
 * of the same op ids, the commit aborts whole and the batch is planned again on fresh rows.
 */
export async function runMutations(
  ctx: MutationContext,
  entries: readonly Entry[],
): Promise<EntryResult[]> {
  return (await runBatch(ctx, entries)).results;
}

async function runBatch(
  ctx: MutationContext,
  entries: readonly Entry[],
): Promise<{ results: EntryResult[]; shown: ShownLinks }> {
  const mutations = entries.flatMap((e) => (e.mutation instanceof AppError ? [] : [e.mutation]));
  const keys = keysOf(ctx.caller, mutations);
  const opIds = entries.flatMap((e) => (e.op ? [e.op.id] : []));
  // Rules are synchronous and hashing is not: each invitation the batch may make gets its token
  // now, and keeps it across retries (nothing of a lost attempt was committed).
  const tokens = await Promise.all(
    mutations.filter((m) => definitionOf(m).invites).map(() => issueToken()),
  );
  for (let attempt = 1; ; attempt++) {
    const { world, stored, seen } = await loadWorld(ctx.db, keys, opIds);
    const unused: IssuedToken[] = [...tokens];
    const issue = () => {
      const token = unused.shift();
      if (!token) throw new Error('more invitations than prepared tokens');
      return token;
    };
    const plan = planBatch(world, ctx.caller, entries, () => new Date(), stored, issue);
    try {
      if (plan.steps.length > 0) await commitPlan(ctx.db, keys, seen, plan.steps, ctx.caller.id);
    } catch (e) {
      if (attempt < ATTEMPTS && lostRace(e)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw e;
    }
    const shown = await runEffects(ctx, world, plan.effects);
    return { results: plan.results, shown };
  }
}

/** One mutation (a REST call): its outcome, or its refusal thrown as the AppError. */
export async function runMutation(
  ctx: MutationContext,
  mutation: Mutation,
): Promise<Outcome & { shown: ShownLinks }> {
  const {
    results: [result],
    shown,
  } = await runBatch(ctx, [{ mutation }]);
  if (result?.status === 'applied') return { ...result.outcome, shown };
  if (result?.status === 'refused') throw result.error;
  throw new Error(`a mutation without an op id answered ${result?.status}`);
}

/**
 * The outside work of a committed batch: live sockets follow the access each user now has (one call
 * per user and project, however many ops touched it), deleted bytes leave R2, invitations go
 * out by mail, and the shares of a project whose PDFs changed are refreshed. Answers the links the local mail transport hands back.
 */
async function runEffects(
  ctx: MutationContext,
  world: World,
  effects: readonly Effect[],
): Promise<ShownLinks> {
  const env = ctx.env;
  const deleted = new Set<string>();
  const access = new Map<string, { projectId: string; userId: string }>();
  const objects = new Set<string>();
  const pdfProjects = new Set<string>();
  const invitations: Extract<Effect, { kind: 'invitationSent' }>[] = [];
  for (const effect of effects) {
    if (effect.kind === 'projectDeleted') deleted.add(effect.projectId);
    else if (effect.kind === 'objectDeleted') objects.add(effect.key);
    else if (effect.kind === 'invitationSent') invitations.push(effect);
    else if (effect.kind === 'pdfChanged') pdfProjects.add(effect.projectId);
    else access.set(`${effect.projectId}\u0000${effect.userId}`, effect);
  }
  const shown = new Map<string, string>();
  await Promise.all([
    ...invitations.map(async (inv) => {
      const link = await sendInvitation(ctx, inv);
      if (link) shown.set(inv.invitationId, link);
    }),
    ...[...deleted].map(async (projectId) => {
      await deleteProjectPdfObjects(env.PDFS, projectId);
      await docAccess.projectDeleted(env, projectId);
    }),
    ...[...access.values()]
      .filter(({ projectId }) => !deleted.has(projectId))
      .map(({ projectId, userId }) => {
        const role = roleIn(world, projectId, userId);
        return role
          ? docAccess.roleChanged(env, projectId, userId, role)
          : docAccess.memberRemoved(env, projectId, userId);
      }),
    ...(objects.size > 0 ? [env.PDFS.delete([...objects])] : []),
    ...[...pdfProjects]
      .filter((projectId) => !deleted.has(projectId))
      .map((projectId) => refreshSharesAfterWrite(env, projectId)),
  ]);
  return shown;
}

/**
 * Mails one invitation. The invitation is committed whatever happens here: a failed send is
 * logged (the owner sees the invitation pending and can send it again), never a failed request.
 */
async function sendInvitation(
  ctx: MutationContext,
  inv: Extract<Effect, { kind: 'invitationSent' }>,
): Promise<string | undefined> {
  try {
    const transport = selectTransport(ctx.env as unknown as MailSettings);
    const mail = invitationMail({ origin: ctx.origin, to: inv.email, ...inv });
    return (await transport.send(mail)).shownLink;
  } catch (e) {
    console.error('invitation mail not sent', inv.invitationId, e);
    return undefined;
  }
}

import { createRoute, z } from '@hono/zod-openapi';
import { invitationTokenSchema, projectSchema, type Project } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { AppError } from '../lib/app-error.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireSession } from '../auth/session.ts';
import { findByToken } from '../domain/invitations.ts';
import { runMutation } from '../domain/mutations/run-mutations.ts';
import { mutationContext } from './mutation-context.ts';

const accept = createRoute({
  method: 'post',
  path: '/{token}/accept',
  ...inventory({
    primitive: 'rest',
    caller: 'invited-address',
    idempotent: 'accepting the same link again answers the project',
  }),
  tags: ['members'],
  summary: 'Accept an invitation: join its project with the invited role',
  description:
    'Any signed-in user whose email is the invited address (compared case-insensitively): 403 INVITATION_WRONG_ACCOUNT otherwise, 410 INVITATION_EXPIRED after the expiry, 404 for an unknown, revoked or already used link. Accepting the same link again answers the project.',
  request: { params: z.object({ token: invitationTokenSchema }) },
  responses: {
    200: jsonContent(
      projectSchema.openapi('Project'),
      'Joined: the project as the caller now sees it',
    ),
    ...errorResponses(
      ...COMMON_ERRORS,
      'NOT_FOUND',
      'INVITATION_WRONG_ACCOUNT',
      'INVITATION_EXPIRED',
    ),
  },
});

/** `/api/invitations`: what an invitee does with the link (owners manage them under projects). */
export const invitationRoutes = createRouter();
invitationRoutes.use('*', requireSession);
invitationRoutes.openapi(accept, async (c) => {
  const found = await findByToken(c.var.db, c.req.valid('param').token);
  if (!found) throw new AppError('NOT_FOUND', 'this invitation is not valid (any more)');
  const { row } = await runMutation(mutationContext(c), {
    type: 'invitation.accept',
    payload: { projectId: found.projectId, invitationId: found.id, tokenHash: found.tokenHash },
  });
  return c.json(row as Project, 200);
});

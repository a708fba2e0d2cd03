import { createRoute, z } from '@hono/zod-openapi';
import {
  addMemberSchema,
  createProjectSchema,
  invitationListSchema,
  invitationSentSchema,
  memberListSchema,
  memberSchema,
  projectIdSchema,
  projectListSchema,
  projectSchema,
  updateMemberSchema,
  updateProjectSchema,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireSession } from '../auth/session.ts';
import type {
  Invitation as InvitationDto,
  Member as MemberDto,
  Project as ProjectDto,
} from '@corates/shared';
import { getProject, listProjects } from '../domain/projects.ts';
import { listMembers } from '../domain/members.ts';
import { listInvitations } from '../domain/invitations.ts';
import { runMutation } from '../domain/mutations/run-mutations.ts';
import { mutationContext } from './mutation-context.ts';

const Project = projectSchema.openapi('Project');
const Member = memberSchema.openapi('Member');
const projectParams = z.object({ projectId: projectIdSchema });
const memberParams = projectParams.extend({ userId: z.string().min(1).max(64) });
const invitationParams = projectParams.extend({ invitationId: z.string().min(1).max(64) });
const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const list = createRoute({
  method: 'get',
  path: '/',
  ...inventory({ primitive: 'rest', caller: 'signed-in' }),
  tags: ['projects'],
  summary: 'Projects the caller is a member of',
  responses: {
    200: jsonContent(projectListSchema.openapi('ProjectList'), 'Projects'),
    ...errorResponses(...COMMON_ERRORS),
  },
});

const create = createRoute({
  method: 'post',
  path: '/',
  ...inventory({
    primitive: 'rest',
    caller: 'signed-in',
    idempotent: 'the same client-chosen id answers the existing project',
  }),
  tags: ['projects'],
  summary: 'Create a project; the caller becomes its owner',
  description:
    'Any signed-in user. Repeating a create with the same client-chosen id returns the existing project (200) instead of a second one (201).',
  request: { body: json(createProjectSchema.openapi('CreateProject')) },
  responses: {
    201: jsonContent(Project, 'Created'),
    200: jsonContent(Project, 'Already created by an earlier identical request'),
    ...errorResponses(...COMMON_ERRORS, 'CONFLICT'),
  },
});

const get = createRoute({
  method: 'get',
  path: '/{projectId}',
  ...inventory({ primitive: 'rest', caller: 'viewer' }),
  tags: ['projects'],
  summary: 'One project',
  description: 'Roles: owner, editor, viewer. Non-members get 404.',
  request: { params: projectParams },
  responses: {
    200: jsonContent(Project, 'The project'),
    ...errorResponses(...COMMON_ERRORS, 'NOT_FOUND'),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/{projectId}',
  ...inventory({ primitive: 'rest', caller: 'editor' }),
  tags: ['projects'],
  summary: 'Rename or re-describe a project',
  description: 'Roles: owner, editor.',
  request: { params: projectParams, body: json(updateProjectSchema.openapi('UpdateProject')) },
  responses: {
    200: jsonContent(Project, 'The project after the change'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/{projectId}',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['projects'],
  summary: 'Delete a project with everything in it',
  description: 'Roles: owner.',
  request: { params: projectParams },
  responses: {
    204: { description: 'Deleted' },
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'),
  },
});

const members = createRoute({
  method: 'get',
  path: '/{projectId}/members',
  ...inventory({ primitive: 'rest', caller: 'viewer' }),
  tags: ['members'],
  summary: "A project's members, owners first",
  description: 'Roles: owner, editor, viewer.',
  request: { params: projectParams },
  responses: {
    200: jsonContent(memberListSchema.openapi('MemberList'), 'Members'),
    ...errorResponses(...COMMON_ERRORS, 'NOT_FOUND'),
  },
});

const addMemberRoute = createRoute({
  method: 'post',
  path: '/{projectId}/members',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['members'],
  summary: 'Invite someone to the project by email',
  description:
    'Roles: owner. Makes an invitation (or renews the pending one for that address: new link, new expiry, the new role) and sends its link by mail. The answer is the same whether or not an account uses the address; the invitee joins by accepting the link while signed in with that address. `link` is in the answer only with the local mail transport (development). 409 when a member already uses the address.',
  request: { params: projectParams, body: json(addMemberSchema.openapi('AddMember')) },
  responses: {
    201: jsonContent(invitationSentSchema.openapi('InvitationSent'), 'Invited'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'),
  },
});

const invitationsRoute = createRoute({
  method: 'get',
  path: '/{projectId}/invitations',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['members'],
  summary: "A project's pending invitations, oldest first",
  description: 'Roles: owner. Expired, revoked and accepted invitations are not listed.',
  request: { params: projectParams },
  responses: {
    200: jsonContent(invitationListSchema.openapi('InvitationList'), 'Pending invitations'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'),
  },
});

const revokeInvitationRoute = createRoute({
  method: 'delete',
  path: '/{projectId}/invitations/{invitationId}',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['members'],
  summary: 'Revoke a pending invitation; its link stops working',
  description: 'Roles: owner.',
  request: { params: invitationParams },
  responses: {
    204: { description: 'Revoked' },
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'),
  },
});

const changeRoleRoute = createRoute({
  method: 'patch',
  path: '/{projectId}/members/{userId}',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['members'],
  summary: "Change a member's role",
  description: 'Roles: owner. A project keeps at least one owner (409 LAST_OWNER).',
  request: { params: memberParams, body: json(updateMemberSchema.openapi('UpdateMember')) },
  responses: {
    200: jsonContent(Member, 'The member after the change'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND', 'LAST_OWNER'),
  },
});

const removeMemberRoute = createRoute({
  method: 'delete',
  path: '/{projectId}/members/{userId}',
  ...inventory({ primitive: 'rest', caller: 'owner-or-self' }),
  tags: ['members'],
  summary: 'Remove a member, or leave the project',
  description:
    'Roles: owner to remove anyone; any member to remove themselves. The last owner cannot leave (409 LAST_OWNER).',
  request: { params: memberParams },
  responses: {
    204: { description: 'Removed' },
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND', 'LAST_OWNER'),
  },
});

export const projectRoutes = createRouter();
projectRoutes.use('*', requireSession);
projectRoutes
  .openapi(list, async (c) =>
    c.json({ projects: await listProjects(c.var.db, c.var.user.id) }, 200),
  )
  .openapi(create, async (c) => {
    const input = c.req.valid('json');
    const { row, created } = await runMutation(mutationContext(c), {
      type: 'project.create',
      payload: { ...input, id: input.id ?? crypto.randomUUID() },
    });
    const project = row as ProjectDto;
    return created ? c.json(project, 201) : c.json(project, 200);
  })
  .openapi(get, async (c) =>
    c.json(await getProject(c.var.db, c.var.user.id, c.req.valid('param').projectId), 200),
  )
  .openapi(update, async (c) => {
    const { projectId } = c.req.valid('param');
    const { row } = await runMutation(mutationContext(c), {
      type: 'project.update',
      payload: { id: projectId, ...c.req.valid('json') },
    });
    return c.json(row as ProjectDto, 200);
  })
  .openapi(remove, async (c) => {
    const { projectId } = c.req.valid('param');
    await runMutation(mutationContext(c), { type: 'project.delete', payload: { id: projectId } });
    return c.body(null, 204);
  })
  .openapi(members, async (c) =>
    c.json(
      { members: await listMembers(c.var.db, c.var.user.id, c.req.valid('param').projectId) },
      200,
    ),
  )
  .openapi(addMemberRoute, async (c) => {
    const { projectId } = c.req.valid('param');
    const { row, shown } = await runMutation(mutationContext(c), {
      type: 'member.add',
      payload: { projectId, ...c.req.valid('json') },
    });
    const invitation = row as InvitationDto;
    const link = shown.get(invitation.id);
    return c.json({ invitation, ...(link === undefined ? {} : { link }) }, 201);
  })
  .openapi(invitationsRoute, async (c) =>
    c.json(
      {
        invitations: await listInvitations(c.var.db, c.var.user.id, c.req.valid('param').projectId),
      },
      200,
    ),
  )
  .openapi(revokeInvitationRoute, async (c) => {
    const { projectId, invitationId } = c.req.valid('param');
    await runMutation(mutationContext(c), {
      type: 'invitation.revoke',
      payload: { projectId, invitationId },
    });
    return c.body(null, 204);
  })
  .openapi(changeRoleRoute, async (c) => {
    const { projectId, userId } = c.req.valid('param');
    const { row } = await runMutation(mutationContext(c), {
      type: 'member.setRole',
      payload: { projectId, userId, role: c.req.valid('json').role },
    });
    return c.json(row as MemberDto, 200);
  })
  .openapi(removeMemberRoute, async (c) => {
    const { projectId, userId } = c.req.valid('param');
    await runMutation(mutationContext(c), {
      type: 'member.remove',
      payload: { projectId, userId },
    });
    return c.body(null, 204);
  });

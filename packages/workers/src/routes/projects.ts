import { createRoute, z } from '@hono/zod-openapi';
import {
  addMemberSchema,
  createProjectSchema,
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
import { requireSession } from '../auth/session.ts';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
} from '../domain/projects.ts';
import { addMember, changeRole, listMembers, removeMember } from '../domain/members.ts';
import { docAccess } from '../durable/doc-access.ts';
import { deleteProjectPdfObjects } from '../domain/pdfs.ts';

const Project = projectSchema.openapi('Project');
const Member = memberSchema.openapi('Member');
const projectParams = z.object({ projectId: projectIdSchema });
const memberParams = projectParams.extend({ userId: z.string().min(1).max(64) });
const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const list = createRoute({
  method: 'get',
  path: '/',
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
  tags: ['members'],
  summary: 'Add an existing account to the project by email',
  description: 'Roles: owner. 404 when no account uses the email; 409 when already a member.',
  request: { params: projectParams, body: json(addMemberSchema.openapi('AddMember')) },
  responses: {
    201: jsonContent(Member, 'Added'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'),
  },
});

const changeRoleRoute = createRoute({
  method: 'patch',
  path: '/{projectId}/members/{userId}',
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
    const { project, created } = await createProject(c.var.db, c.var.user.id, c.req.valid('json'));
    return created ? c.json(project, 201) : c.json(project, 200);
  })
  .openapi(get, async (c) =>
    c.json(await getProject(c.var.db, c.var.user.id, c.req.valid('param').projectId), 200),
  )
  .openapi(update, async (c) => {
    const { projectId } = c.req.valid('param');
    return c.json(
      await updateProject(c.var.db, c.var.user.id, projectId, c.req.valid('json')),
      200,
    );
  })
  .openapi(remove, async (c) => {
    const { projectId } = c.req.valid('param');
    await deleteProject(c.var.db, c.var.user.id, projectId);
    await deleteProjectPdfObjects(c.env.PDFS, projectId);
    await docAccess.projectDeleted(c.env, projectId);
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
    return c.json(await addMember(c.var.db, c.var.user.id, projectId, c.req.valid('json')), 201);
  })
  .openapi(changeRoleRoute, async (c) => {
    const { projectId, userId } = c.req.valid('param');
    const member = await changeRole(
      c.var.db,
      c.var.user.id,
      projectId,
      userId,
      c.req.valid('json').role,
    );
    // Live document connections follow the new role at once, not at their next reconnect.
    await docAccess.roleChanged(c.env, projectId, userId, member.role);
    return c.json(member, 200);
  })
  .openapi(removeMemberRoute, async (c) => {
    const { projectId, userId } = c.req.valid('param');
    await removeMember(c.var.db, c.var.user.id, projectId, userId);
    await docAccess.memberRemoved(c.env, projectId, userId);
    return c.body(null, 204);
  });

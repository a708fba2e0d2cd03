import { z } from 'zod';
import { roleAtLeast, roleSchema } from './role.ts';
import { plainTextSchema } from './text.ts';

export const PROJECT_NAME_MAX = 120;
export const PROJECT_DESCRIPTION_MAX = 2000;

/** A project's name: one line, trimmed, no invisible or control characters. */
export const projectNameSchema = plainTextSchema({ min: 1, max: PROJECT_NAME_MAX });
/** A project's description: may span lines, otherwise as strict as the name. */
export const projectDescriptionSchema = plainTextSchema({
  min: 0,
  max: PROJECT_DESCRIPTION_MAX,
  multiline: true,
});

export const projectIdSchema = z.string().min(1).max(64);

/** A project as the caller sees it, with the caller's role. */
export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  role: roleSchema,
  memberCount: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Server-side change counter; bumps on every write to the row. */
  version: z.number().int().nonnegative(),
  /**
   * Present only on a mirror of another server's share (federation): read-only here, written by
   * this server's pulls; `origin` is the publisher's ("from <origin>").
   */
  mirror: z.object({ origin: z.string() }).optional(),
});
export type Project = z.infer<typeof projectSchema>;

/**
 * Whether the caller may change the project's content: an editor or owner, and the project not a
 * mirror of another server's share (read-only here; its owner still manages its members).
 */
export function canEditProject(project: Pick<Project, 'role' | 'mirror'>): boolean {
  return project.mirror === undefined && roleAtLeast(project.role, 'editor');
}

export const projectListSchema = z.object({ projects: z.array(projectSchema) });
export type ProjectList = z.infer<typeof projectListSchema>;

/** Unknown fields are rejected, so a typo never silently does nothing. */
export const createProjectSchema = z.strictObject({
  /** Client-chosen id (a UUID) so an offline-created project keeps its id on the server. */
  id: z.uuid().optional(),
  name: projectNameSchema,
  description: projectDescriptionSchema.default(''),
});
export type CreateProject = z.input<typeof createProjectSchema>;

export const updateProjectSchema = z
  .strictObject({
    name: projectNameSchema.optional(),
    description: projectDescriptionSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.description !== undefined, {
    message: 'nothing to update: give name or description',
  });
export type UpdateProject = z.infer<typeof updateProjectSchema>;

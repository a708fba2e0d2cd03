import type { Bindings } from '../env.ts';
import type { ProjectDoc } from './project-doc.ts';

/** The ProjectDoc of a project: one Durable Object per project id. */
export function projectDoc(env: Bindings, projectId: string): DurableObjectStub<ProjectDoc> {
  return env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(projectId));
}

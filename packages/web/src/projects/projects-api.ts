import type { AddMember, Member } from '@corates/shared';
import { api, dataOf } from '../api/client.ts';

// The one project call that stays REST (see use-members.ts); everything else goes through the
// offline op-queue. Failures reject with ApiError (see api/client.ts).

export async function addMember(projectId: string, input: AddMember): Promise<Member> {
  return dataOf(
    await api.POST('/api/projects/{projectId}/members', {
      params: { path: { projectId } },
      body: input,
    }),
  );
}

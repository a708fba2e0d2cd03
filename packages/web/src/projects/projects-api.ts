import type { AddMember, Invitation, InvitationSent, Project } from '@corates/shared';
import { api, dataOf } from '../api/client.ts';

// Invitations stay REST (see use-invitations.ts); everything else about projects goes through
// the offline op-queue. Failures reject with ApiError (see api/client.ts).

/** Invites an address: the same answer whether or not an account uses it. */
export async function inviteMember(projectId: string, input: AddMember): Promise<InvitationSent> {
  return dataOf(
    await api.POST('/api/projects/{projectId}/members', {
      params: { path: { projectId } },
      body: input,
    }),
  );
}

/** The project's pending invitations (owners only). */
export async function listInvitations(projectId: string): Promise<Invitation[]> {
  return dataOf(
    await api.GET('/api/projects/{projectId}/invitations', { params: { path: { projectId } } }),
  ).invitations;
}

export async function revokeInvitation(projectId: string, invitationId: string): Promise<void> {
  await api.DELETE('/api/projects/{projectId}/invitations/{invitationId}', {
    params: { path: { projectId, invitationId } },
  });
}

/** Joins the invitation's project as the signed-in account; answers the project. */
export async function acceptInvitation(token: string): Promise<Project> {
  return dataOf(await api.POST('/api/invitations/{token}/accept', { params: { path: { token } } }));
}

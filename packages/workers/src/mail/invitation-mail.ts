import { invitationPath, type Role } from '@corates/shared';
import type { MailMessage } from './mail-transport.ts';

const ROLE_WORDS: Record<Role, string> = {
  owner: 'an owner',
  editor: 'an editor',
  viewer: 'a viewer',
};

/** The invitation email: who invites, to what, as what, until when, and the link. */
export function invitationMail(input: {
  origin: string;
  to: string;
  token: string;
  projectName: string;
  inviterName: string;
  role: Role;
  expiresAt: Date;
}): MailMessage {
  const link = `${input.origin}${invitationPath(input.token)}`;
  return {
    to: input.to,
    link,
    subject: `${input.inviterName} invited you to “${input.projectName}” on CoRATES`,
    text: [
      `${input.inviterName} invited you to join the project “${input.projectName}” on CoRATES as ${ROLE_WORDS[input.role]}.`,
      '',
      `Open this link, then sign in or create an account with ${input.to}:`,
      link,
      '',
      `The link works until ${input.expiresAt.toUTCString()}. If you did not expect this, ignore this email.`,
    ].join('\n'),
  };
}

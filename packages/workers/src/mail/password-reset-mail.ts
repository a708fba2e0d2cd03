import { passwordResetPath } from '@corates/shared';
import type { MailMessage } from './mail-transport.ts';

/** The password-reset email: the link, until when it works, and what to do if it was not you. */
export function passwordResetMail(input: {
  origin: string;
  to: string;
  token: string;
  expiresAt: Date;
}): MailMessage {
  const link = `${input.origin}${passwordResetPath(input.token)}`;
  return {
    to: input.to,
    link,
    subject: 'Reset your CoRATES password',
    text: [
      `Someone asked to reset the password of the CoRATES account ${input.to}.`,
      '',
      'Open this link to choose a new password:',
      link,
      '',
      `The link works once, until ${input.expiresAt.toUTCString()}. If you did not ask for this, ignore this email: your password stays as it is.`,
    ].join('\n'),
  };
}

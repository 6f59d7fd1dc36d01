/**
 * The one typed list of jobs. Names are fixed strings (never derived from class names, so a
 * rename cannot strand queued jobs); payloads carry ids only, and handlers reload what they need.
 */
export enum JobName {
  SendEmail = 'email.send',
  FireReminder = 'reminder.fire',
  PasswordResetRequest = 'password-reset.request',
  CaseLinkRequest = 'case-link.request',
}

export interface JobPayloads {
  [JobName.SendEmail]: { outboxId: string };
  [JobName.FireReminder]: { reminderId: string };
  [JobName.PasswordResetRequest]: { requestId: string };
  [JobName.CaseLinkRequest]: { requestId: string };
}

export interface JobRequest<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  /** Fixed id: adding the same job twice is a no-op. */
  jobId: string;
  /** Run no earlier than this instant. */
  runAt?: Date;
}

export const emailJob = (outboxId: string): JobRequest<JobName.SendEmail> => ({
  name: JobName.SendEmail,
  payload: { outboxId },
  jobId: `outbox-${outboxId}`,
});

/** The id changes when the fire time moves, so a moved reminder gets a new job and the old one finds nothing to do. */
export const reminderJob = (reminderId: string, fireAt: Date): JobRequest<JobName.FireReminder> => ({
  name: JobName.FireReminder,
  payload: { reminderId },
  jobId: `reminder-${reminderId}-${fireAt.getTime()}`,
  runAt: fireAt,
});

/** What a public form asked for (a password reset, a new private link), handled after the answer. */
export type DeferredRequestKind = 'password_reset' | 'case_link';

export const deferredRequestJob = (
  kind: DeferredRequestKind,
  requestId: string,
): JobRequest<JobName.PasswordResetRequest | JobName.CaseLinkRequest> => ({
  name: kind === 'password_reset' ? JobName.PasswordResetRequest : JobName.CaseLinkRequest,
  payload: { requestId },
  jobId: `request-${requestId}`,
});

export const QUEUE_NAME = 'jobs';

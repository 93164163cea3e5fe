import nodemailer from 'nodemailer';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../shared/clock';
import { findRecentEmails, findUnsentEmails, insertEmail, markEmailFailed, markEmailSent, type OutboxEmail } from './mail.repo';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  organisationId?: string | null;
}

export interface MailService {
  /** Writes the message to the outbox, in the caller's transaction when given one. */
  enqueue(message: EmailMessage, executor?: Executor): Promise<OutboxEmail>;
  /** Sends what is waiting in the outbox by SMTP (when SMTP_URL is set); returns how many went. */
  flush(): Promise<number>;
  listRecent(limit?: number): Promise<OutboxEmail[]>;
}

/**
 * The outbox: every e-mail is stored first (so demo mode can show it and nothing is lost if SMTP is
 * down), then sent by SMTP when a server is configured.
 */
export function createMailService(deps: { db: Db; clock: Clock; smtpUrl?: string; from: string }): MailService {
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;
  let flushing: Promise<number> | null = null;

  const flushNow = async (): Promise<number> => {
    if (!transport) return 0;
    let sent = 0;
    for (const email of await findUnsentEmails(deps.db, 50)) {
      try {
        await transport.sendMail({ from: deps.from, to: email.toAddress, subject: email.subject, text: email.bodyText });
        await markEmailSent(deps.db, email.id, deps.clock.now());
        sent++;
      } catch (error) {
        await markEmailFailed(deps.db, email.id, error instanceof Error ? error.message : String(error));
      }
    }
    return sent;
  };

  const flush = (): Promise<number> => {
    flushing ??= flushNow().finally(() => (flushing = null));
    return flushing;
  };

  return {
    async enqueue(message, executor = deps.db) {
      const row = await insertEmail(executor, {
        toAddress: message.to,
        subject: message.subject,
        bodyText: message.text,
        organisationId: message.organisationId ?? null,
      });
      // After the caller's transaction commits; a failure leaves the message in the outbox for later.
      if (transport) setTimeout(() => void flush().catch(() => undefined), 50);
      return row;
    },
    flush,
    listRecent: (limit = 100) => findRecentEmails(deps.db, limit),
  };
}

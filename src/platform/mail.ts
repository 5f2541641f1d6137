// MailApp: the only code that sends mail. One message per call, a plain-text body and an HTML body of the
// same content (src/domain/mailRender.ts escapes every value), from the library's name, replies to the
// librarian. MailApp (script.send_mail scope), never GmailApp.
import type { Locale } from '../i18n/catalog';
import { renderHtml, renderText } from '../domain/mailRender';
import type { MailContent } from '../domain/overdue';

export interface Outgoing {
  to: string;
  content: MailContent;
  locale: Locale;
  /** sender name shown by mail clients: the school library's name */
  name: string;
  /** the librarian; omitted when empty */
  replyTo: string;
  /** files sent with it (a 邮件 class's .xlsx); MailApp takes 25 MB of attachments a message */
  attachments?: GoogleAppsScript.Base.BlobSource[];
}

export function sendMail(m: Outgoing): void {
  const message: GoogleAppsScript.Mail.MailAdvancedParameters = {
    to: m.to,
    subject: m.content.subject,
    body: renderText(m.content),
    htmlBody: renderHtml(m.content, m.locale),
    name: m.name,
  };
  if (m.replyTo) message.replyTo = m.replyTo;
  if (m.attachments?.length) message.attachments = m.attachments;
  MailApp.sendEmail(message);
}

/** A plain message (no HTML), e.g. the authorization link. */
export function sendPlain(to: string, subject: string, body: string): void {
  MailApp.sendEmail({ to, subject, body });
}

/** Recipients this user may still mail today (MailApp's daily quota). */
export function remainingQuota(): number {
  return MailApp.getRemainingDailyQuota();
}

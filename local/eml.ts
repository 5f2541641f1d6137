// RFC 5322 message with UTF-8 (RFC 2047 encoded-word headers, base64 bodies), multipart/alternative
// when there is an HTML body, multipart/mixed when there are attachments.
import { randomBytes } from 'node:crypto';
import { formatSimpleDate } from './dates';

export interface EmlInput {
  to: string[]; cc: string[]; bcc: string[]; subject: string; body: string; htmlBody?: string;
  name?: string; replyTo?: string; noReply?: boolean; at: Date;
  attachments?: { name: string; contentType: string; bytes: Uint8Array }[];
}

const needsEncoding = (s: string) => /[^\x20-\x7e]/.test(s);
function encWord(s: string): string {
  if (!needsEncoding(s)) return s;
  // split to keep encoded words ≤ 75 chars
  const out: string[] = [];
  let chunk = '';
  for (const ch of s) {
    if (Buffer.byteLength(chunk + ch) > 45) { out.push(chunk); chunk = ''; }
    chunk += ch;
  }
  if (chunk) out.push(chunk);
  return out.map((c) => `=?UTF-8?B?${Buffer.from(c, 'utf8').toString('base64')}?=`).join('\r\n ');
}
const b64 = (data: string | Uint8Array) => (Buffer.from(data as string).toString('base64').match(/.{1,76}/g) ?? ['']).join('\r\n');

export function buildEml(m: EmlInput, fromEmail: string, tz: string): string {
  const from = m.noReply ? 'noreply@school.example' : fromEmail;
  const h: string[] = [];
  h.push(`From: ${m.name ? `${encWord(m.name)} <${from}>` : from}`);
  if (m.to.length) h.push(`To: ${m.to.join(', ')}`);
  if (m.cc.length) h.push(`Cc: ${m.cc.join(', ')}`);
  if (m.bcc.length) h.push(`Bcc: ${m.bcc.join(', ')}`);
  if (m.replyTo) h.push(`Reply-To: ${m.replyTo}`);
  h.push(`Subject: ${encWord(m.subject)}`);
  h.push(`Date: ${formatSimpleDate(m.at, tz, 'EEE, dd MMM yyyy HH:mm:ss Z')}`);
  h.push(`Message-ID: <${randomBytes(8).toString('hex')}.${m.at.getTime()}@local.invalid>`);
  h.push('MIME-Version: 1.0');
  const textPart = ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', b64(m.body)].join('\r\n');
  let bodyPart: string;
  if (m.htmlBody !== undefined) {
    const bnd = `alt-${randomBytes(6).toString('hex')}`;
    const htmlPart = ['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', b64(m.htmlBody)].join('\r\n');
    bodyPart = [`Content-Type: multipart/alternative; boundary="${bnd}"`, '', `--${bnd}`, textPart, `--${bnd}`, htmlPart, `--${bnd}--`, ''].join('\r\n');
  } else bodyPart = textPart;
  if (m.attachments?.length) {
    const bnd = `mix-${randomBytes(6).toString('hex')}`;
    const parts = [`Content-Type: multipart/mixed; boundary="${bnd}"`, '', `--${bnd}`, bodyPart];
    for (const a of m.attachments) {
      parts.push(`--${bnd}`, [`Content-Type: ${a.contentType}; name="${encWord(a.name)}"`, `Content-Disposition: attachment; filename="${encWord(a.name)}"`, 'Content-Transfer-Encoding: base64', '', b64(a.bytes)].join('\r\n'));
    }
    parts.push(`--${bnd}--`, '');
    bodyPart = parts.join('\r\n');
  }
  return h.join('\r\n') + '\r\n' + bodyPart + (bodyPart.endsWith('\r\n') ? '' : '\r\n');
}

import { describe, expect, it } from 'vitest';
import { smtpFailure } from '../../../main/mail/smtp-failure';

const server = { host: 'smtp.springfield.edu', port: 587, from: 'invitations@springfield.edu' };
const failure = (error: object) => {
  const e = smtpFailure(Object.assign(new Error('x'), error), server);
  return { code: e.code, message: e.message };
};

describe('SMTP failures in the admin\'s words', () => {
  it('an unknown server name', () => {
    expect(failure({ code: 'EDNS', originalCode: 'ENOTFOUND' })).toEqual({
      code: 'OFFLINE',
      message: 'The mail server name "smtp.springfield.edu" could not be found. Check its spelling and this computer\'s network connection.',
    });
  });

  it('a server that does not answer', () => {
    expect(failure({ code: 'ETIMEDOUT' })).toEqual({
      code: 'OFFLINE',
      message: 'The mail server smtp.springfield.edu:587 did not answer in time. Check the server name and port, and that a firewall lets this computer reach it.',
    });
  });

  it('a certificate for another name, named when it could be read', () => {
    const refused = Object.assign(new Error('x'), { code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    const advice =
      " If the district uses its own certificate authority, install it in this computer's certificate store; otherwise ask the server's administrator for a certificate this computer trusts, and check the server name.";
    expect(smtpFailure(refused, server).message).toBe(
      `The mail server smtp.springfield.edu:587 could not prove it is the real server: its certificate is made out to another name.${advice}`,
    );
    const certificate = { subject: 'mail.other.edu', issuer: 'Springfield Schools CA', validFrom: 'Jan 1 00:00:00 2026 GMT', validTo: 'Jan 1 00:00:00 2027 GMT' };
    expect(smtpFailure(refused, server, certificate).message).toBe(
      `The mail server smtp.springfield.edu:587 could not prove it is the real server: its certificate is made out to another name (the certificate “mail.other.edu”, issued by “Springfield Schools CA”).${advice}`,
    );
  });

  it('an expired certificate, with its end date', () => {
    const certificate = { subject: 'smtp.springfield.edu', issuer: 'Springfield Schools CA', validFrom: 'Jan 1 00:00:00 2024 GMT', validTo: 'Jan 1 00:00:00 2025 GMT' };
    expect(smtpFailure(Object.assign(new Error('x'), { code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' }), server, certificate).message).toContain(
      'its certificate has expired (the certificate “smtp.springfield.edu”, issued by “Springfield Schools CA”, valid until Jan 1 00:00:00 2025 GMT).',
    );
  });

  it('a refused sender address', () => {
    expect(failure({ code: 'EENVELOPE', command: 'MAIL FROM', response: '553 5.7.1 Sender not allowed' }).message).toBe(
      'The mail server refused the sender address invitations@springfield.edu. The server said: "553 5.7.1 Sender not allowed". Use an address this account may send from.',
    );
  });
});

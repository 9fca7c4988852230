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

  it('a certificate for another name', () => {
    expect(failure({ code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }).message).toBe(
      'The mail server smtp.springfield.edu:587 could not prove it is the real server: its certificate is made out to another name. Ask its administrator for a certificate this computer trusts, and check the server name.',
    );
  });

  it('a refused sender address', () => {
    expect(failure({ code: 'EENVELOPE', command: 'MAIL FROM', response: '553 5.7.1 Sender not allowed' }).message).toBe(
      'The mail server refused the sender address invitations@springfield.edu. The server said: "553 5.7.1 Sender not allowed". Use an address this account may send from.',
    );
  });
});

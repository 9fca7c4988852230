import { describe, expect, it } from 'vitest';
import {
  externalLinkTarget,
  isTrustedSender,
  mayGrantPermission,
  mayNavigate,
} from '../../../main/window/navigation-guards';
import { PAGE_URL } from '../../../main/window/app-scheme';

const page = PAGE_URL;

describe('navigation guards', () => {
  it('lets the page reload itself or change its fragment', () => {
    expect(mayNavigate(page, page)).toBe(true);
    expect(mayNavigate(`${page}#licenses`, page)).toBe(true);
  });

  it('blocks every other destination', () => {
    for (const url of [
      'https://evil.example/phish',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'file:///Applications/Managed%20Distribution.app/Contents/Resources/app.asar/dist/renderer/index.html',
      'app://renderer/other.html',
      'app://evil/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'not a url',
    ]) {
      expect(mayNavigate(url, page), url).toBe(false);
    }
  });
});

describe('links opened from the page', () => {
  it('sends plain web links to the system browser', () => {
    expect(externalLinkTarget('https://support.apple.com/guide/apple-school-manager')).toBe(
      'https://support.apple.com/guide/apple-school-manager',
    );
  });

  it('never hands over script, file, custom-scheme or credential-carrying links', () => {
    for (const url of [
      'javascript:alert(document.cookie)',
      'file:///C:/Windows/System32/calc.exe',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pass@evil.example/',
      'https://',
      '',
    ]) {
      expect(externalLinkTarget(url), url).toBeNull();
    }
  });
});

describe('permissions and IPC senders', () => {
  it('denies every permission request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(mayGrantPermission(permission)).toBe(false);
    }
  });

  it('answers only our page in its main frame', () => {
    expect(isTrustedSender({ url: page, isMainFrame: true }, page)).toBe(true);
    expect(isTrustedSender({ url: page, isMainFrame: false }, page)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, page)).toBe(false);
    expect(isTrustedSender(null, page)).toBe(false);
  });
});

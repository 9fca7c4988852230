// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/content-security-policy';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

const policy = directives(CONTENT_SECURITY_POLICY);

describe("the page's Content Security Policy", () => {
  it('allows no inline or evaluated script or style', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self'");
  });

  it('lets the page load and contact nothing but its own files', () => {
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    for (const [name, sources] of policy) expect(sources, name).not.toMatch(/\*|https?:|wss?:/);
  });

  it("is the policy renderer/index.html carries, less frame-ancestors, which a meta tag cannot set", () => {
    const page = new DOMParser().parseFromString(readFileSync('renderer/index.html', 'utf8'), 'text/html');
    const metas = page.querySelectorAll('meta[http-equiv="Content-Security-Policy"]');
    expect(metas).toHaveLength(1);
    const meta = directives(metas[0]!.getAttribute('content')!);
    const expected = new Map(policy);
    expected.delete('frame-ancestors');
    expect(meta).toEqual(expected);
  });
});

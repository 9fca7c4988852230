import { createHash } from 'node:crypto';

/**
 * A small generated icon for a sandbox title, as a data: URI.
 *
 * Real artwork comes from Apple's CDN; the sandbox works offline, so each title gets a
 * coloured tile with its initials instead.
 */
export function artworkDataUri(adamId: string, name: string): string {
  const hue = createHash('sha256').update(adamId).digest()[0] ?? 0;
  const initials = name
    .split(/\s+/)
    .filter((word) => /^[A-Za-z0-9]/.test(word))
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="14" fill="hsl(${Math.round((hue / 256) * 360)},55%,48%)"/>` +
    `<text x="32" y="41" font-family="Helvetica,Arial,sans-serif" font-size="24" font-weight="bold" fill="#fff" text-anchor="middle">${initials}</text>` +
    `</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

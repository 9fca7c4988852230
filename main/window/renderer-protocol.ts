import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import { readStaticFile } from '../web/static-files';
import { RENDERER_ROOT_URL } from './app-scheme';

const rendererRoot = new URL(RENDERER_ROOT_URL);

function refusal(status: 404 | 405): Response {
  return new Response(status === 404 ? 'Not found.' : 'Only GET is served here.', {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * The answer to one `app://` request of the window (protocol.handle): a file of the built
 * renderer with its MIME type and the page's CSP, or a refusal.
 *
 * Only `app://renderer/` is served, and only regular files inside the renderer folder
 * (readStaticFile refuses `..`, escaped separators and directories): whatever the page or an
 * injected tag asks for, nothing else on the disk comes back.
 */
export async function rendererResponse(rendererDir: string, request: { url: string; method: string }): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refusal(404);
  }
  if (url.protocol !== rendererRoot.protocol || url.host.toLowerCase() !== rendererRoot.host) return refusal(404);
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
  const file = await readStaticFile(rendererDir, url.pathname || '/');
  if (!file) return refusal(404);
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

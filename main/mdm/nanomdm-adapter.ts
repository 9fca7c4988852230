import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error';
import { CERTIFICATE_ADVICE, certificateRefusal, isCertificateRefusal } from '../security/certificate-refusal';
import { readPeerCertificate } from '../security/peer-certificate';
import { TrustStore } from '../security/trust-store';
import { commandPlist } from './command-plist';
import { enrollmentBatches } from './enrollment-batches';
import type { EnqueueResult, EnrollmentResult, MdmAdapter, PushResult } from './mdm-adapter';
import type { MdmCommand } from './mdm-commands';
import { MdmTimeoutError, mdmHttp, type MdmHttpAnswer } from './mdm-http';
import { enrollmentResults, NanoMdmAnswer, pushResults } from './nanomdm-answer';

export interface NanoMdmConnection {
  /** e.g. https://mdm.district.org, or with the path a reverse proxy serves NanoMDM under. */
  baseUrl: string;
  apiKey: string;
}

export interface NanoMdmOptions {
  /** Per HTTP request; an MDM server that stalls must not hold a job forever. */
  timeoutMs?: number;
  /** Longest id list in one URL; see enrollmentBatches. */
  maxPathChars?: number;
  /** The authorities an https:// server is verified against: by default Node's and the system's. */
  trust?: TrustStore;
}

const DEFAULT_TIMEOUT_MS = 15_000;

const Version = z.object({ version: z.string() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * NanoMDM's command API: `PUT /v1/enqueue/{id,id,...}` with the command plist as the body,
 * `GET /v1/push/{id,...}` to wake devices again, HTTP Basic auth as user "nanomdm" with the
 * API key as password.
 *
 * NanoMDM reads the body whatever its Content-Type; we label it application/xml because
 * that is what an XML plist is (application/x-apple-aspen-config is for profiles).
 */
export class NanoMdmAdapter implements MdmAdapter {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly trust: TrustStore;

  constructor(
    private readonly connection: NanoMdmConnection,
    private readonly options: NanoMdmOptions = {},
  ) {
    this.base = connection.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.trust = options.trust ?? new TrustStore();
  }

  /**
   * Queues the command for every distinct id, in URL-sized batches.
   *
   * Each batch is stored under its own CommandUUID, because NanoMDM keeps one command per
   * UUID. A failure of the server itself (refused key, unreachable) throws when it comes on
   * the first batch; after that, the ids not yet sent are reported failed with the same
   * sentence, so the caller keeps the results it already has.
   */
  async enqueue(enrollmentIds: readonly string[], command: MdmCommand): Promise<EnqueueResult> {
    const ids = [...new Set(enrollmentIds)];
    const results: EnrollmentResult[] = [];
    let commandUuid = command.commandUuid;
    for (const batch of enrollmentBatches(ids, this.options.maxPathChars)) {
      try {
        await this.enqueueBatch(batch, { ...command, commandUuid }, results);
      } catch (error) {
        if (!(error instanceof DomainError) || results.length === 0) throw error;
        const answered = new Set(results.map((r) => r.enrollmentId));
        for (const enrollmentId of ids.filter((id) => !answered.has(id))) {
          results.push({ enrollmentId, status: 'failed', commandUuid, reason: error.message });
        }
        break;
      }
      commandUuid = randomUUID();
    }
    return { results };
  }

  /**
   * Sends the wake-up push again to every distinct id, in URL-sized batches; the commands
   * they already have queued are what they fetch. Server failures are handled as in enqueue.
   */
  async push(enrollmentIds: readonly string[]): Promise<{ results: PushResult[] }> {
    const ids = [...new Set(enrollmentIds)];
    const results: PushResult[] = [];
    for (const batch of enrollmentBatches(ids, this.options.maxPathChars)) {
      try {
        results.push(...pushResults(batch, this.answerOf(await this.request('GET', `/v1/push/${this.path(batch)}`))));
      } catch (error) {
        if (!(error instanceof DomainError) || results.length === 0) throw error;
        results.push(...ids.slice(results.length).map((enrollmentId) => ({ enrollmentId, pushError: error.message })));
        break;
      }
    }
    return { results };
  }

  /**
   * A harmless round trip that proves the address, that it is NanoMDM, and the API key.
   *
   * `GET /version` needs no key and names the version. Then an enqueue with no ids: NanoMDM
   * checks the key first (401 when wrong) and then refuses the empty id list before it reads
   * any command, so nothing is queued and no device is woken.
   */
  async checkConnection(): Promise<string> {
    const versionAnswer = await this.request('GET', '/version', undefined, false);
    const version = Version.safeParse(parseJson(versionAnswer.text));
    if (versionAnswer.status !== 200 || !version.success) {
      throw new DomainError('CONFLICT', `The server at ${this.base} answered, but not as NanoMDM does (no version at /version). Check the address.`);
    }
    const probe = await this.request('PUT', '/v1/enqueue/', '');
    this.refuseUnusable(probe.status);
    if (!NanoMdmAnswer.safeParse(parseJson(probe.text)).success) {
      throw new DomainError('CONFLICT', `The MDM server at ${this.base} answered HTTP ${probe.status}, not as NanoMDM's command API does. Check the address.`);
    }
    return `Connected to NanoMDM ${version.data.version} at ${this.base}; it accepted the API key.`;
  }

  private async enqueueBatch(batch: string[], command: MdmCommand, into: EnrollmentResult[]): Promise<void> {
    const answer = await this.put(batch, command);
    if (answer.command_error === undefined || batch.length === 1) {
      into.push(...enrollmentResults(batch, answer, command.commandUuid));
      return;
    }
    // NanoMDM's SQL storage queues a batch in one transaction, so one unknown enrollment
    // (a device since unenrolled) fails them all: send each alone to find which.
    for (const id of batch) {
      const single = { ...command, commandUuid: randomUUID() };
      into.push(...enrollmentResults([id], await this.put([id], single), single.commandUuid));
    }
  }

  private async put(ids: string[], command: MdmCommand): Promise<NanoMdmAnswer> {
    return this.answerOf(await this.request('PUT', `/v1/enqueue/${this.path(ids)}`, commandPlist(command), true, { 'Content-Type': 'application/xml; charset=utf-8' }));
  }

  /** NanoMDM decodes the path and then splits it on commas, so each id is encoded on its own. */
  private path(ids: readonly string[]): string {
    return ids.map(encodeURIComponent).join(',');
  }

  /** The APIResult of an enqueue or push; HTTP 500 is NanoMDM's "all failed", still with a result. */
  private answerOf(response: MdmHttpAnswer): NanoMdmAnswer {
    this.refuseUnusable(response.status);
    const answer = NanoMdmAnswer.safeParse(parseJson(response.text));
    if ([200, 207, 500].includes(response.status) && answer.success) return answer.data;
    const body = response.text.trim();
    throw new DomainError('CONFLICT', `The MDM server at ${this.base} answered HTTP ${response.status} without a result${body ? `: ${body.slice(0, 200)}` : ''}.`);
  }

  private refuseUnusable(status: number): void {
    if (status === 401) {
      throw new DomainError('CONFLICT', 'The MDM server refused the API key. Enter the key NanoMDM was started with (its -api option) in Settings.');
    }
    if (status === 404 || status === 405) {
      throw new DomainError(
        'CONFLICT',
        `The MDM server at ${this.base} has no command API. Check the address, and that NanoMDM runs with an API key (its -api option).`,
      );
    }
  }

  private async request(method: 'GET' | 'PUT', path: string, body?: string, authenticated = true, headers: Record<string, string> = {}): Promise<MdmHttpAnswer> {
    const url = new URL(`${this.base}${path}`);
    const auth = `Basic ${Buffer.from(`nanomdm:${this.connection.apiKey}`).toString('base64')}`;
    try {
      return await mdmHttp(url, {
        method,
        headers: { ...headers, ...(authenticated ? { Authorization: auth } : {}) },
        body,
        timeoutMs: this.timeoutMs,
        secureContext: () => this.trust.secureContext(),
      });
    } catch (error) {
      throw await this.unreachable(url, error);
    }
  }

  private async unreachable(url: URL, error: unknown): Promise<DomainError> {
    const reached = `The MDM server at ${this.base} could not be reached.`;
    if (error instanceof MdmTimeoutError) {
      const seconds = Math.max(1, Math.round(this.timeoutMs / 1000));
      return new DomainError('OFFLINE', `${reached} It did not answer within ${seconds} second${seconds === 1 ? '' : 's'}.`);
    }
    const code = (error as { code?: string } | undefined)?.code ?? '';
    if (code === 'ECONNREFUSED') return new DomainError('OFFLINE', `${reached} It refused the connection: check the address and that NanoMDM is running.`);
    if (code === 'ENOTFOUND') return new DomainError('OFFLINE', `${reached} Its name could not be found: check the address.`);
    if (isCertificateRefusal(code)) {
      const certificate = await readPeerCertificate({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) });
      return new DomainError(
        'CONFLICT',
        `The MDM server at ${this.base} could not prove it is the real server: ${certificateRefusal(code, certificate)}. ${CERTIFICATE_ADVICE}.`,
      );
    }
    return new DomainError('OFFLINE', `${reached}${code ? ` (${code})` : ''} Check the address and this computer's network connection.`);
  }
}

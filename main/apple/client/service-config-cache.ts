import type { Clock } from '../../clock/clock';
import type { ServiceConfig } from '../model/service-config';

/** Apple's limits can change: re-read them this often. */
export const SERVICE_CONFIG_TTL_MS = 5 * 60 * 1000;

/**
 * Service config, read at most once per period however many callers ask.
 *
 * Callers asking while a read is under way share it; a failed read is not kept, so the next
 * caller tries again.
 */
export class ServiceConfigCache {
  private value: { config: ServiceConfig; readAt: number } | null = null;
  private reading: Promise<ServiceConfig> | null = null;

  constructor(
    private readonly read: () => Promise<ServiceConfig>,
    private readonly clock: Clock,
    private readonly ttlMs: number = SERVICE_CONFIG_TTL_MS,
  ) {}

  get(): Promise<ServiceConfig> {
    if (this.value && this.clock.now().getTime() - this.value.readAt < this.ttlMs) return Promise.resolve(this.value.config);
    this.reading ??= this.read()
      .then((config) => {
        this.value = { config, readAt: this.clock.now().getTime() };
        return config;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }
}

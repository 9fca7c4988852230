import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelOutput, EventName, EventPayload } from '../../preload/contract';
import { startAppleSandbox, type AppleSandbox } from '../apple/sandbox/apple-sandbox';
import type { App, AppConfig } from '../app';
import { DomainError } from '../errors/domain-error';
import { EventBus } from '../events/event-bus';
import type { Dispatch } from '../ipc/dispatcher';
import { SANDBOX_EVENT_POLL_MS } from '../config/apple-config';
import { createMemorySecretStore } from '../keychain/memory-secret-store';
import { seedDemo } from './demo-seeder';

/** What an app can ask of the host it runs in: demo mode in and out. */
export interface DemoControl {
  active: boolean;
  start(clientId: string): Promise<ChannelOutput<'auth.signIn'>>;
  exit(): Promise<void>;
}

export type AppFactory = (config: AppConfig) => App;

/**
 * Holds the running app and can swap it for a demo: a separate data folder filled with a
 * generated district whose Apple is an in-process sandbox. Windows and browser tabs talk to
 * the host, so the swap is invisible to them but for what the app answers.
 */
export class AppHost {
  readonly bus = new EventBus();
  private current: App;
  private demo: { app: App; sandbox: AppleSandbox } | null = null;
  private unforward: () => void;
  private starting: Promise<ChannelOutput<'auth.signIn'>> | null = null;

  constructor(
    private readonly create: AppFactory,
    private readonly config: AppConfig,
  ) {
    this.current = create({ ...config, demo: this.control(false) });
    this.unforward = this.forward(this.current);
  }

  readonly dispatch: Dispatch = (channel, input, clientId) => this.current.dispatch(channel, input, clientId);

  get app(): App {
    return this.current;
  }

  close(): void {
    this.unforward();
    this.current.close();
    if (this.demo) void this.demo.sandbox.close();
  }

  private control(active: boolean): DemoControl {
    return {
      active,
      start: (clientId) => (this.starting ??= this.startDemo(clientId).finally(() => (this.starting = null))),
      exit: () => this.exitDemo(),
    };
  }

  private async startDemo(clientId: string): Promise<ChannelOutput<'auth.signIn'>> {
    if (this.demo) throw new DomainError('CONFLICT', 'The sample district is already open.');
    const dataDir = join(this.config.dataDir, 'demo');
    rmSync(dataDir, { recursive: true, force: true });
    const sandbox = await startAppleSandbox();
    const app = this.create({
      ...this.config,
      dataDir,
      secrets: createMemorySecretStore(),
      apple: { baseUrl: sandbox.baseUrl, lookupBaseUrl: sandbox.lookupBaseUrl, eventPollMs: SANDBOX_EVENT_POLL_MS },
      autoSync: false,
      demo: this.control(true),
    });
    try {
      await seedDemo(app, sandbox, clientId);
    } catch (error) {
      app.close();
      await sandbox.close();
      throw error;
    }
    this.demo = { app, sandbox };
    this.switchTo(app);
    const status = await app.dispatch('app.status', {}, clientId);
    if (!status.ok || !(status.value as ChannelOutput<'app.status'>).admin) throw new DomainError('INTERNAL', 'The sample district opened without signing you in.');
    return (status.value as ChannelOutput<'app.status'>).admin!;
  }

  private async exitDemo(): Promise<void> {
    const demo = this.demo;
    if (!demo) return;
    this.demo = null;
    this.switchTo(this.create({ ...this.config, demo: this.control(false) }));
    await demo.sandbox.close();
  }

  /** Windows keep talking to the host; from now on it answers from `app`, and the old one closes. */
  private switchTo(app: App): void {
    const previous = this.current;
    this.unforward();
    this.current = app;
    this.unforward = this.forward(app);
    previous.close();
    this.bus.emit('directory.changed', { groupIds: [] });
  }

  private forward(app: App): () => void {
    return app.bus.subscribe((name, payload) => this.bus.emit(name as EventName, payload as EventPayload<EventName>));
  }
}

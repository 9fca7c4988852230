import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelOutput } from '../../preload/contract';
import { startAppleSandbox, type AppleSandbox } from '../apple/sandbox/apple-sandbox';
import type { App, AppConfig } from '../app';
import { systemTimers } from '../clock/timers';
import { DomainError } from '../errors/domain-error';
import type { EventListener } from '../events/event-bus';
import type { Dispatch } from '../ipc/dispatcher';
import { SANDBOX_EVENT_POLL_MS } from '../config/apple-config';
import { createMemorySecretStore } from '../keychain/memory-secret-store';
import { seedDemo } from './demo-seeder';

type AdminSummary = ChannelOutput<'auth.signIn'>;

/** What an app can ask of the host it runs in: a sample district for one window or tab, and back. */
export interface DemoControl {
  active: boolean;
  start(clientId: string): Promise<AdminSummary>;
  exit(clientId: string): Promise<void>;
}

export type AppFactory = (config: AppConfig) => App;

/** Folder under the data folder that holds one folder per open demo. */
export const DEMO_FOLDER = 'demo';
/** Each demo is a database, a sandbox server and a generated district: a few at a time. */
export const MAX_OPEN_DEMOS = 4;
/** A demo whose window or tab has had no event stream this long is closed: the tab is gone. */
export const ABANDONED_DEMO_MS = 2 * 60 * 1000;

interface Demo {
  app: App;
  sandbox: AppleSandbox;
  dataDir: string;
  /** Set while the client has no event stream open. */
  abandoned: unknown;
}

interface Subscription {
  listener: EventListener;
  /** Its subscription to the client's demo, while there is one. */
  offDemo: (() => void) | null;
}

/**
 * Runs the admins' own app and, beside it, a sample district for each window or tab that
 * asked for one: its own data folder, its own in-memory keychain and its own sandbox Apple.
 *
 * Calls and events are routed by client id, so opening or leaving a demo changes nothing for
 * anyone else: the own app's sessions, running jobs and data stay as they were.
 */
export class AppHost {
  private readonly own: App;
  private readonly demos = new Map<string, Demo>();
  private readonly starting = new Map<string, Promise<AdminSummary>>();
  private readonly subscriptions = new Map<string, Set<Subscription>>();
  private closed = false;

  constructor(
    private readonly create: AppFactory,
    private readonly config: AppConfig,
  ) {
    // Demos never outlive the process; what a crash left behind goes now.
    rmSync(join(config.dataDir, DEMO_FOLDER), { recursive: true, force: true });
    this.own = create({ ...config, demo: this.ownControl() });
  }

  readonly dispatch: Dispatch = (channel, input, clientId) => this.appOf(clientId).dispatch(channel, input, clientId);

  /** The admins' own app, whichever windows are exploring a demo. */
  get app(): App {
    return this.own;
  }

  /** Every app's exports, so a demo tab's download link works like any other. */
  readonly downloads = {
    take: (id: string) => {
      for (const app of [this.own, ...[...this.demos.values()].map((demo) => demo.app)]) {
        const file = app.downloads.take(id);
        if (file) return file;
      }
      return null;
    },
  };

  /** The events one window or tab may see, from the app it is talking to at the time. */
  listen(clientId: string, listener: EventListener): () => void {
    const subscription: Subscription = { listener, offDemo: null };
    const offOwn = this.own.listen(clientId, (name, payload) => {
      if (!this.demos.has(clientId)) listener(name, payload);
    });
    const demo = this.demos.get(clientId);
    if (demo) {
      subscription.offDemo = demo.app.listen(clientId, listener);
      this.keep(demo);
    }
    let forClient = this.subscriptions.get(clientId);
    if (!forClient) this.subscriptions.set(clientId, (forClient = new Set()));
    forClient.add(subscription);
    return () => {
      offOwn();
      subscription.offDemo?.();
      forClient.delete(subscription);
      if (forClient.size > 0 || this.subscriptions.get(clientId) !== forClient) return;
      this.subscriptions.delete(clientId);
      // A reload reconnects within moments; a closed tab never does, and its demo would stay open.
      const left = this.demos.get(clientId);
      if (left) left.abandoned = this.timers.set(() => void this.closeDemo(clientId), ABANDONED_DEMO_MS);
    };
  }

  close(): void {
    this.closed = true;
    this.own.close();
    for (const clientId of [...this.demos.keys()]) void this.closeDemo(clientId);
  }

  private get timers() {
    return this.config.timers ?? systemTimers;
  }

  private keep(demo: Demo): void {
    if (demo.abandoned === null) return;
    this.timers.clear(demo.abandoned);
    demo.abandoned = null;
  }

  private appOf(clientId: string): App {
    return this.demos.get(clientId)?.app ?? this.own;
  }

  private ownControl(): DemoControl {
    return {
      active: false,
      start: (clientId) => {
        let started = this.starting.get(clientId);
        if (!started) {
          started = this.startDemo(clientId).finally(() => this.starting.delete(clientId));
          this.starting.set(clientId, started);
        }
        return started;
      },
      // A client with a demo talks to it; here there is nothing of this client's to leave.
      exit: async () => undefined,
    };
  }

  private demoControl(): DemoControl {
    return {
      active: true,
      start: () => Promise.reject(new DomainError('CONFLICT', 'The sample district is already open in this window.')),
      exit: (clientId) => this.closeDemo(clientId),
    };
  }

  private async startDemo(clientId: string): Promise<AdminSummary> {
    if (this.demos.size + this.starting.size >= MAX_OPEN_DEMOS) {
      throw new DomainError('CONFLICT', `${MAX_OPEN_DEMOS} sample districts are open already in other windows or tabs. Leave one of them, then try again.`);
    }
    const dataDir = join(this.config.dataDir, DEMO_FOLDER, randomUUID());
    const sandbox = await startAppleSandbox();
    let app: App | null = null;
    try {
      app = this.create({
        ...this.config,
        dataDir,
        secrets: createMemorySecretStore(),
        apple: { baseUrl: sandbox.baseUrl, lookupBaseUrl: sandbox.lookupBaseUrl, eventPollMs: SANDBOX_EVENT_POLL_MS },
        autoSync: false,
        demo: this.demoControl(),
        // A .vpptoken file opened on the desktop is for the admins' own services.
        pendingTokenFile: undefined,
      });
      await seedDemo(app, sandbox, clientId);
      const status = await app.dispatch('app.status', {}, clientId);
      const admin = status.ok ? (status.value as ChannelOutput<'app.status'>).admin : null;
      if (!admin) throw new DomainError('INTERNAL', 'The sample district opened without signing you in.');
      if (this.closed) throw new DomainError('CONFLICT', 'The app is closing.');
      this.demos.set(clientId, { app, sandbox, dataDir, abandoned: null });
      for (const subscription of this.subscriptions.get(clientId) ?? []) subscription.offDemo = app.listen(clientId, subscription.listener);
      return admin;
    } catch (error) {
      app?.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Closes this client's demo and deletes its folder; the client talks to the own app again. */
  private async closeDemo(clientId: string): Promise<void> {
    const demo = this.demos.get(clientId);
    if (!demo) return;
    this.demos.delete(clientId);
    this.keep(demo);
    for (const subscription of this.subscriptions.get(clientId) ?? []) {
      subscription.offDemo?.();
      subscription.offDemo = null;
    }
    demo.app.close();
    await demo.sandbox.close();
    rmSync(demo.dataDir, { recursive: true, force: true });
  }
}

import { events, type EventName, type EventPayload } from '../../preload/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Carries contract events inside main. Windows and browser tabs receive them only through
 * subscribeSession (event-audience.ts), which keeps to what each one's admin may see.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = events[name].parse(payload);
    for (const listener of this.listeners) listener(name, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

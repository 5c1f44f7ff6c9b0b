import mitt, { type Emitter } from 'mitt'
import type { RapportEventMap } from './event-map'

/** The typed in-process emitter apps listen on (`crm.events.on('contact.created', ...)`). */
export type RapportEvents<CC = unknown, CO = unknown, CA = unknown, CD = unknown, CS = unknown> = Emitter<
  RapportEventMap<CC, CO, CA, CD, CS>
>

/** An event waiting for its transaction to commit. */
export interface PendingEvent {
  readonly type: keyof RapportEventMap
  readonly payload: RapportEventMap[keyof RapportEventMap]
}

/** What to do when a listener throws: the command already committed, so the error must not reach the caller. */
export type ListenerErrorHandler = (error: unknown, event: PendingEvent) => void

/** Creates the emitter. */
export function createEventEmitter<CC, CO, CA, CD, CS>(): RapportEvents<CC, CO, CA, CD, CS> {
  return mitt<RapportEventMap<CC, CO, CA, CD, CS>>()
}

type AnyHandler = (...args: unknown[]) => void

/**
 * Delivers committed events in order, calling each listener (then each `'*'` listener) in its own try/catch:
 * a throwing listener is reported and never keeps the others from hearing the event.
 */
export function deliverEvents(
  emitter: Emitter<RapportEventMap>,
  events: readonly PendingEvent[],
  onListenerError: ListenerErrorHandler,
): void {
  const all = emitter.all as unknown as Map<string, AnyHandler[]>
  for (const event of events) {
    for (const handler of [...(all.get(event.type) ?? [])]) {
      try {
        handler(event.payload)
      } catch (error) {
        onListenerError(error, event)
      }
    }
    for (const handler of [...(all.get('*') ?? [])]) {
      try {
        handler(event.type, event.payload)
      } catch (error) {
        onListenerError(error, event)
      }
    }
  }
}

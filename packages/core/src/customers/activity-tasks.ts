import { activityEntity } from '../entities/activity-entity'
import type { Activity } from '../entities/records'
import { InvalidStateError } from '../errors/rapport-error'
import { validate } from '../errors/validate'
import { optionalVersionInput } from '../runtime/common-input'
import { runCommand, type ServiceDeps } from '../runtime/service-context'
import { loadForChange, writeChanges } from '../runtime/versioned-write'

/** Completing and reopening tasks of one tenant; `Custom` types the activities' custom fields. */
export function activityTasks<Custom = unknown>(deps: ServiceDeps, tenantId: string) {
  const setDone = async (id: string, options: { expectedVersion?: number } | undefined, done: boolean) => {
    const { expectedVersion } = validate(
      optionalVersionInput,
      options ?? {},
      done ? 'complete options' : 'reopen options',
    )
    return runCommand(deps, tenantId, async (ctx) => {
      const current = await loadForChange(ctx, activityEntity, id, expectedVersion)
      if (current.type !== 'task') {
        throw new InvalidStateError(
          `activity ${id} is a ${String(current.type)}; only tasks can be completed or reopened`,
        )
      }
      if (current.done === done) return current as unknown as Activity<Custom>
      const written = (await writeChanges(ctx, activityEntity, current, {
        done,
        completedAt: done ? ctx.now : null,
      })) as unknown as Activity<Custom>
      ctx.emit(done ? 'activity.completed' : 'activity.reopened', { activity: written })
      return written
    })
  }
  return {
    /** Marks a task done (idempotent). */
    complete: (id: string, options?: { expectedVersion?: number }) => setDone(id, options, true),
    /** Marks a done task open again (idempotent). */
    reopen: (id: string, options?: { expectedVersion?: number }) => setDone(id, options, false),
  }
}

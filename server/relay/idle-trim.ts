/**
 * What a room holds beyond its document and its connections — the trial
 * replica (a second, uncollected copy of the document), the kept sync
 * answers — is for a room being edited. Once no update has come for
 * `idleMs`, it is dropped; the next update or request builds it again.
 * An open but quiet document then costs about what its Y.Doc costs.
 *
 * Per update this is one clock read: the timer is armed once and, when it
 * fires early (the room was touched since), re-armed for what is left.
 */

/** How long a room goes without an update before it lets go of what it built for editing. */
export const IDLE_TRIM_MS = 10_000

export class IdleTrim {
  private lastTouched = 0
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly idleMs: number,
    /** Drops what the room built for editing; it must be rebuildable on demand. */
    private readonly trim: () => void,
  ) {}

  /** The room took an update or built something it keeps: the quiet period starts again. */
  touch(): void {
    this.lastTouched = Date.now()
    if (!this.timer) this.arm(this.idleMs)
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms)
    this.timer.unref?.()
  }

  private check(): void {
    this.timer = null
    const left = this.lastTouched + this.idleMs - Date.now()
    if (left > 0) return this.arm(left)
    this.trim()
  }
}

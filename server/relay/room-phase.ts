/**
 * Where a room is in its life: loading (it reads the document log
 * asynchronously), ready, or closed. Work that arrives while loading —
 * a connection joining, its messages, another instance's updates — waits
 * and then runs in arrival order; once closed, nothing runs.
 */
export class RoomPhase {
  private phase: 'loading' | 'ready' | 'closed' = 'loading'
  /** Work that arrived while loading, in arrival order. */
  private waiting: (() => void)[] = []

  get isReady(): boolean {
    return this.phase === 'ready'
  }

  /** Read through a getter, not a stored value: the phase changes while the room awaits. */
  get isClosed(): boolean {
    return this.phase === 'closed'
  }

  /** Runs `work` now when ready, after loading when not, never once closed. */
  whenReady(work: () => void): void {
    if (this.phase === 'ready' && this.waiting.length === 0) work()
    else if (this.phase !== 'closed') this.waiting.push(work)
  }

  /** Loaded: runs what waited, in order (a work item may close the room: what follows it is dropped). */
  ready(): void {
    this.phase = 'ready'
    while (this.phase === 'ready' && this.waiting.length > 0) this.waiting.shift()!()
  }

  /** Closed: what still waits is dropped. */
  close(): void {
    this.phase = 'closed'
    this.waiting = []
  }
}

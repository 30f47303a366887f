/**
 * Which other instances are running, from their heartbeats on the bus.
 * An instance killed between storing a batch and publishing it leaves the
 * others without that batch, and nothing they hear later need reveal the
 * gap (the next update may come from someone else): when a peer falls
 * silent, the relay catches every open room up from storage, once.
 */
export class PeerWatch {
  private readonly lastHeard = new Map<string, number>()

  constructor(private readonly silentAfterMs: number) {}

  heard(peer: string, now: number): void {
    this.lastHeard.set(peer, now)
  }

  /** Peers not heard from for `silentAfterMs`: each reported once, then forgotten (a peer heard again is new). */
  fallenSilent(now: number): string[] {
    const silent = [...this.lastHeard].flatMap(([peer, at]) => (now - at >= this.silentAfterMs ? [peer] : []))
    for (const peer of silent) this.lastHeard.delete(peer)
    return silent
  }
}

/**
 * Runs `work` after the next frame is painted — in a task after the animation frame, so the browser shows
 * what is on the page before `work` holds the main thread. A hidden tab paints no frames: there it runs in
 * the next task. Returns a function that cancels it.
 */
export function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let frame: number | undefined
  if (document.visibilityState === 'hidden') timer = setTimeout(work)
  else frame = requestAnimationFrame(() => (timer = setTimeout(work)))
  return () => {
    if (frame !== undefined) cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

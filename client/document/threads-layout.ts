/**
 * Whether comment threads sit beside their text or in the side list:
 * beside when the window is wide enough for the form and a margin, unless
 * the person chose otherwise (remembered on this browser).
 */
import { createSignal, onCleanup } from 'solid-js'

export type ThreadsLayout = 'beside' | 'list'

const KEY = 'jixiao:threads-layout'
/** Below this the form's tables would be squeezed by a margin column. */
export const BESIDE_MIN_WIDTH = 1600

export function createThreadsLayout() {
  const wide = matchMedia(`(min-width: ${BESIDE_MIN_WIDTH}px)`)
  const [isWide, setWide] = createSignal(wide.matches)
  const onChange = () => setWide(wide.matches)
  wide.addEventListener('change', onChange)
  onCleanup(() => wide.removeEventListener('change', onChange))
  const stored = localStorage.getItem(KEY)
  const [chosen, setChosen] = createSignal<ThreadsLayout | null>(stored === 'beside' || stored === 'list' ? stored : null)
  const beside = () => (chosen() ?? (isWide() ? 'beside' : 'list')) === 'beside'
  return {
    beside,
    toggle: () => {
      const next: ThreadsLayout = beside() ? 'list' : 'beside'
      setChosen(next)
      localStorage.setItem(KEY, next)
    },
  }
}

/**
 * The few icons Word and WPS users know from their ribbons, drawn as
 * strokes in the text colour (no icon font, no emoji font needed). They
 * stand beside the button's Chinese label, which stays its accessible name.
 */
import type { JSX } from 'solid-js'

const icon = (...paths: string[]) => (): JSX.Element => (
  <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
    {paths.map((d) => <path d={d} />)}
  </svg>
)

export const BellIcon = icon('M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6z', 'M10 19a2 2 0 0 0 4 0')
export const UndoIcon = icon('M9 7L4 12l5 5', 'M4 12h10a6 6 0 0 1 0 12h-2')
export const RedoIcon = icon('M15 7l5 5-5 5', 'M20 12H10a6 6 0 0 0 0 12h2')
export const PrintIcon = icon('M7 9V3h10v6', 'M7 17H4v-7h16v7h-3', 'M7 14h10v7H7z')
export const ExportIcon = icon('M12 3v12', 'M7 10l5 5 5-5', 'M4 19h16')
export const FindIcon = icon('M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z', 'M15.5 15.5L21 21')
export const CommentIcon = icon('M4 5h16v11H9l-5 4z')
export const TrackIcon = icon('M4 20h4L19 9l-4-4L4 16z', 'M13 7l4 4')

/** Entry point: the app, the service worker that keeps it usable offline, and durable storage. */
import { render } from 'solid-js/web'
import { App } from './App'
import { followOtherTabs } from './session'
import './styles.css'

followOtherTabs()
render(() => <App />, document.getElementById('app')!)

// The service worker keeps the app for offline reloads; its install fetches every chunk of the app (shell.json),
// so it starts once the page has loaded, not beside the scripts of the page being opened.
if ('serviceWorker' in navigator) {
  const register = () => void navigator.serviceWorker.register('/sw.js')
  if (document.readyState === 'complete') register()
  else addEventListener('load', register, { once: true })
}
// A 退出 made while the server could not be reached ends the server's session once it can be (`logout.ts`).
void import('./logout').then((m) => m.keepSendingPendingLogout())
// Ask the browser not to evict IndexedDB under storage pressure: it holds unsynced work.
void navigator.storage?.persist?.()

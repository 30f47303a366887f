/** Entry point: the app, the service worker that keeps it usable offline, and durable storage. */
import { render } from 'solid-js/web'
import { App } from './App'
import './styles.css'

render(() => <App />, document.getElementById('app')!)

if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js')
// Ask the browser not to evict IndexedDB under storage pressure: it holds unsynced work.
void navigator.storage?.persist?.()

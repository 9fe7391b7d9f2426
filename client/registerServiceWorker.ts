/**
 * Registers the service worker that caches the app shell and tldraw's assets,
 * then hands it the URLs this page loaded before it took control, so a reload
 * with the server stopped still finds them. Sets `data-offline-ready` on <html>
 * once they are cached.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return
  void navigator.serviceWorker
    .register('/sw.js', { type: 'module', scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const urls = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => new URL(url).origin === location.origin)
      const channel = new MessageChannel()
      channel.port1.onmessage = () => document.documentElement.setAttribute('data-offline-ready', 'true')
      registration.active?.postMessage({ type: 'precache', urls: [location.pathname, ...urls] }, [channel.port2])
    })
    .catch((error: unknown) => console.warn('Kuilu: offline support is not available:', error))
}

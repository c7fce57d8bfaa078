// A client-side app: IndexedDB lives in the browser. Every route is prerendered as a shell
// so that any address, deep links included, loads from the static build or the service worker.
export const prerender = true;
export const ssr = false;

/** What the page tells the service worker (src/service-worker.ts). */
export type WorkerMessage = { type: 'skip-waiting' };

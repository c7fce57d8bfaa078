// The service worker's life as the page sees it: register it, notice a new version waiting,
// and switch to it only when the learner asks (src/service-worker.ts waits until told).
import type { WorkerMessage } from './worker-message.ts';

/** How often an open, visible app asks the server whether there is a new version. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

class AppUpdate {
	#waiting = $state.raw<ServiceWorker | null>(null);
	#reloading = $state(false);
	#registration: ServiceWorkerRegistration | null = null;

	/** A new version is installed and waiting for a reload. */
	get available(): boolean {
		return this.#waiting !== null;
	}

	/** The learner chose to reload; the new version is taking over. */
	get reloading(): boolean {
		return this.#reloading;
	}

	/** Register the service worker once, from the root layout. Returns a function that stops watching. */
	start(): () => void {
		const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
		if (!container) return () => {};
		// Whether a worker already ran this page: if not, the first one taking over is no update.
		let controlled = container.controller !== null;

		const onControllerChange = () => {
			// A new version took over: this tab, or another one, chose Reload. Reload here too,
			// so no page keeps running old code against the new version's files.
			if (controlled || this.#reloading) location.reload();
			controlled = true;
		};
		container.addEventListener('controllerchange', onControllerChange);

		const check = () => {
			if (document.visibilityState === 'visible') void this.#registration?.update().catch(() => {});
		};
		document.addEventListener('visibilitychange', check);
		const timer = setInterval(check, CHECK_EVERY_MS);

		container
			.register('/service-worker.js', { updateViaCache: 'none' })
			.then((registration) => {
				this.#registration = registration;
				this.#watch(registration);
			})
			.catch((error: unknown) => console.error('The offline copy could not be set up:', error));

		return () => {
			container.removeEventListener('controllerchange', onControllerChange);
			document.removeEventListener('visibilitychange', check);
			clearInterval(timer);
		};
	}

	#watch(registration: ServiceWorkerRegistration): void {
		const offer = (worker: ServiceWorker | null) => {
			// Without a controller this is the first install, which needs no reload.
			if (worker && navigator.serviceWorker.controller) this.#waiting = worker;
		};
		offer(registration.waiting);
		registration.addEventListener('updatefound', () => {
			const installing = registration.installing;
			installing?.addEventListener('statechange', () => {
				if (installing.state === 'installed') offer(installing);
				if (installing.state === 'redundant' && this.#waiting === installing) this.#waiting = null;
			});
		});
	}

	/** Switch to the waiting version: the page reloads when it has taken over. */
	apply(): void {
		const waiting = this.#waiting;
		if (!waiting) return;
		this.#reloading = true;
		const message: WorkerMessage = { type: 'skip-waiting' };
		waiting.postMessage(message);
	}
}

export const appUpdate = new AppUpdate();

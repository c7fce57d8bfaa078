// Timings the benchmark reads back (npm run bench; see bench/README.md): User Timing measures with
// fixed names, taken where the learner would notice the wait. They cost nothing worth counting when nobody reads them.

/** When the screen being shown was opened: 0 (navigation start) for the page the document loaded with. */
let openedAt = 0;

/** Called by the root layout as a client-side navigation begins: the next screen's timings start here. */
export function screenOpening(): void {
	openedAt = performance.now();
}

/** Resolves once the frame showing the DOM as it is now has been painted (a frame callback, then a task). */
export function afterPaint(): Promise<void> {
	return new Promise((resolve) =>
		requestAnimationFrame(() => {
			const channel = new MessageChannel();
			channel.port1.onmessage = () => {
				channel.port1.close();
				resolve();
			};
			channel.port2.postMessage(null);
		})
	);
}

/** Measures `name` from `start` (a performance.now() time) to now. */
export function measureSince(name: string, start: number): void {
	performance.measure(name, { start, end: performance.now() });
}

/**
 * Once the DOM as it is now has been painted (afterPaint), measures `name` to then from `start`: by default,
 * from when the current screen was opened.
 */
export async function measureWhenPainted(name: string, start?: number): Promise<void> {
	await afterPaint();
	measureSince(name, start ?? openedAt);
}

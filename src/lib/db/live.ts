// Live queries: a read that runs again whenever what it read changes, in this tab or another tab of the
// same origin (Dexie's liveQuery; other tabs' changes arrive through a BroadcastChannel).
import { liveQuery } from 'dexie';

/**
 * Runs `query` now and again after every change to the data it read, passing each result to `onValue`.
 * The query must only await Dexie calls (the functions of db/). Returns a function that stops watching.
 */
export function watch<T>(
	query: () => Promise<T>,
	onValue: (value: T) => void,
	onError: (error: unknown) => void = (e) => console.error(e)
): () => void {
	// An async function, so that Dexie follows the awaits inside it and knows what was read.
	const subscription = liveQuery(async () => await query()).subscribe({ next: onValue, error: onError });
	return () => subscription.unsubscribe();
}

// Asks the browser to keep this site's data (IndexedDB) under storage pressure. Asked once, after the
// first answer ever: by then there is progress worth keeping, and the request follows a user action.
import { claimOnce } from '../db/meta.ts';

export async function requestPersistentStorageOnce(): Promise<void> {
	try {
		if (typeof navigator === 'undefined' || !navigator.storage?.persist) return;
		if (!(await claimOnce('storage-persist-requested'))) return;
		await navigator.storage.persist();
	} catch (error) {
		// Not being granted persistent storage changes nothing the learner can act on here.
		console.warn('Could not ask for persistent storage', error);
	}
}

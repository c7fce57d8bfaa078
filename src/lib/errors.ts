// What went wrong, in words a screen can show. Errors of the browser's storage (IndexedDB, through Dexie) are
// told in the app's own words with what to do, never in the library's (whose messages carry links elsewhere).
// When the database cannot be opened at all, the root layout shows one message in place of every screen:
// db/index.ts reports the problem here, and the layout listens (kept apart from Dexie, so the layout does not
// load the database).

/** Why this browser's storage cannot be used. */
export type StorageProblem = 'missing' | 'timeout' | 'newer' | 'full' | 'failed';

/** How long the database may take to open before every screen says so. */
export const OPEN_TIMEOUT_MS = 6000;

const STORAGE_MESSAGES: Record<StorageProblem, { title: string; text: string }> = {
	missing: {
		title: 'This browser gives the app no storage',
		text:
			'Your progress is kept in the browser’s storage (IndexedDB), and here it is missing or turned off: some ' +
			'private windows and privacy settings do that. Open the app in an ordinary window, or allow this site to ' +
			'store data, then reload the page.'
	},
	timeout: {
		title: 'This browser’s storage does not answer',
		text:
			`Your progress could not be opened within ${OPEN_TIMEOUT_MS / 1000} seconds. Close the app’s other tabs ` +
			'and windows, then reload the page; if it still does not answer, restart the browser. This page goes on ' +
			'by itself if the storage answers.'
	},
	newer: {
		title: 'A newer version of the app saved your progress',
		text: 'This page is an older version and cannot read it. Reload the page to get the newer version.'
	},
	full: {
		title: 'This browser’s storage is full',
		text:
			'Nothing more can be saved until there is room. Free some space on the disk (or clear other sites’ ' +
			'data in the browser’s settings), then try again.'
	},
	failed: {
		title: 'This browser’s storage could not be opened',
		text:
			'Your progress cannot be read or saved. Reload the page; if that does not help, restart the browser ' +
			'and check that the disk has free space. Your backup files can be imported once the storage works.'
	}
};

/** The title and text of the message for a storage problem. */
export function storageMessage(problem: StorageProblem): { title: string; text: string } {
	return STORAGE_MESSAGES[problem];
}

/** The kind of storage problem an error is, or null when it is not one. Read from the error's name (and its cause's). */
export function storageProblemOf(error: unknown): StorageProblem | null {
	const names: string[] = [];
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
		const name = (e as { name?: unknown }).name;
		if (typeof name === 'string') names.push(name);
		const { inner, cause, failures } = e as { inner?: unknown; cause?: unknown; failures?: unknown };
		e = inner ?? cause ?? (Array.isArray(failures) ? failures[0] : undefined);
	}
	if (names.includes('QuotaExceededError')) return 'full';
	if (names.includes('MissingAPIError')) return 'missing';
	if (names.includes('VersionError')) return 'newer';
	if (names.includes('DatabaseClosedError') && current) return current;
	// Dexie's own errors; the browser's, when Dexie passes them on (it keeps the browser's error as `inner`).
	const dexie = [
		'OpenFailedError',
		'DatabaseClosedError',
		'PrematureCommitError',
		'ReadOnlyError',
		'InvalidTableError',
		'SchemaError',
		'UpgradeError'
	];
	const browser = ['InvalidStateError', 'UnknownError', 'AbortError', 'TransactionInactiveError'];
	const wrapped = !!error && typeof error === 'object' && 'inner' in error;
	return names.some((n) => dexie.includes(n) || (wrapped && browser.includes(n))) ? 'failed' : null;
}

/** An Error's message, or the thrown value as text; a storage error in the app's words. */
export function errorText(error: unknown): string {
	const problem = storageProblemOf(error);
	if (problem) {
		const { title, text } = storageMessage(problem);
		return `${title}. ${text}`;
	}
	return error instanceof Error ? error.message : String(error);
}

// ------------------------------------------------------------------ the database could not be opened

let current: StorageProblem | null = null;
const listeners = new Set<(problem: StorageProblem | null) => void>();

/** Reports that the database cannot be opened (or, with null, that it opened after all). */
export function reportStorageProblem(problem: StorageProblem | null): void {
	if (problem === current) return;
	current = problem;
	for (const listener of listeners) listener(problem);
}

/** Calls `listener` now and whenever the database's state changes. Returns an unsubscribe. */
export function onStorageProblem(listener: (problem: StorageProblem | null) => void): () => void {
	listeners.add(listener);
	listener(current);
	return () => listeners.delete(listener);
}

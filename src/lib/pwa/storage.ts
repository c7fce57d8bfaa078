// Keeping the learner's data: the review log lives in IndexedDB, which a browser may clear
// ("best-effort" storage) unless the site's storage is persistent.

const ASKED_KEY = 'storage.persist-asked';
const HINT_KEY = 'storage.ios-hint-dismissed';

export interface StorageStatus {
	/** Whether this browser can say anything about storage at all. */
	supported: boolean;
	/** The browser promised not to clear this site's data on its own. */
	persisted: boolean;
	/** Bytes this site uses, and may use, when the browser tells. */
	usage: number | null;
	quota: number | null;
}

/** The installed app (home screen or desktop window), not a browser tab. */
export function isStandalone(win: Window = window): boolean {
	const nav = win.navigator as Navigator & { standalone?: boolean };
	return nav.standalone === true || win.matchMedia?.('(display-mode: standalone)').matches === true;
}

/**
 * Ask the browser to keep this site's data, once. Chrome and Safari decide without asking the learner
 * (an installed app is likely to be granted); Firefox asks, and asking again would nag. An app that was
 * asked in a browser tab is asked once more when it first runs installed, where the answer may differ.
 */
export async function requestPersistence(win: Window = window): Promise<boolean> {
	const storage = win.navigator.storage as StorageManager | undefined;
	if (!storage?.persist || !storage.persisted) return false;
	if (await storage.persisted()) return true;
	const mode = isStandalone(win) ? 'standalone' : 'browser';
	const asked = readJson<string[]>(win, ASKED_KEY) ?? [];
	if (asked.includes(mode)) return false;
	writeJson(win, ASKED_KEY, [...asked, mode]);
	try {
		return await storage.persist();
	} catch {
		return false;
	}
}

/** Whether storage is persistent, and how much is used (navigator.storage.estimate()). */
export async function storageStatus(win: Window = window): Promise<StorageStatus> {
	const storage = win.navigator.storage as StorageManager | undefined;
	if (!storage) return { supported: false, persisted: false, usage: null, quota: null };
	const [persisted, estimate] = await Promise.all([
		storage.persisted?.().catch(() => false) ?? false,
		storage.estimate?.().catch(() => null) ?? null
	]);
	return {
		supported: true,
		persisted,
		usage: estimate?.usage ?? null,
		quota: estimate?.quota ?? null
	};
}

/**
 * Safari on iPhone and iPad, in a tab rather than from the home screen: there, Safari may delete
 * everything the site stored after seven days without a visit. Only iOS Safari has
 * navigator.standalone; iPadOS presents itself as a Mac with a touch screen.
 */
export function isIosSafariTab(win: Window = window): boolean {
	const nav = win.navigator as Navigator & { standalone?: boolean };
	if (nav.standalone !== false) return false;
	const ios = /iPhone|iPad|iPod/.test(nav.userAgent);
	const iPadOs = /Macintosh/.test(nav.userAgent) && nav.maxTouchPoints > 1;
	return ios || iPadOs;
}

/** The seven-day explanation is shown until the learner dismisses it, then never again. */
export function shouldExplainIosStorage(win: Window = window): boolean {
	return isIosSafariTab(win) && readJson<boolean>(win, HINT_KEY) !== true;
}

export function dismissIosStorageExplanation(win: Window = window): void {
	writeJson(win, HINT_KEY, true);
}

/** A byte count as people read it: 0 B, 740 KB, 12.3 MB, 1.5 GB. */
export function formatBytes(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	// 999.5 KB and up reads as 1.0 MB, not "1000 KB".
	while (value >= 999.5 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	return `${value.toFixed(digits)} ${units[unit]}`;
}

// localStorage can be missing or refuse (private modes, storage full): then nothing is remembered.
function readJson<T>(win: Window, key: string): T | null {
	try {
		const raw = win.localStorage.getItem(key);
		return raw === null ? null : (JSON.parse(raw) as T);
	} catch {
		return null;
	}
}

function writeJson(win: Window, key: string, value: unknown): void {
	try {
		win.localStorage.setItem(key, JSON.stringify(value));
	} catch {
		// Not remembered: asked again next time, which is harmless.
	}
}

import { describe, expect, it, vi } from 'vitest';
import {
	dismissIosStorageExplanation,
	formatBytes,
	isIosSafariTab,
	requestPersistence,
	shouldExplainIosStorage,
	storageStatus
} from './storage.ts';

const IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPAD_AS_MAC =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const ANDROID =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

function memoryStorage(): Storage {
	const map = new Map<string, string>();
	return {
		get length() {
			return map.size;
		},
		clear: () => map.clear(),
		getItem: (k) => map.get(k) ?? null,
		key: (i) => [...map.keys()][i] ?? null,
		removeItem: (k) => void map.delete(k),
		setItem: (k, v) => void map.set(k, String(v))
	};
}

interface FakeOptions {
	userAgent?: string;
	maxTouchPoints?: number;
	standalone?: boolean;
	displayModeStandalone?: boolean;
	storage?: Partial<StorageManager> | undefined;
	localStorage?: Storage;
}

function fakeWindow(o: FakeOptions = {}): Window {
	const navigator: Record<string, unknown> = {
		userAgent: o.userAgent ?? ANDROID,
		maxTouchPoints: o.maxTouchPoints ?? 0,
		storage: 'storage' in o ? o.storage : undefined
	};
	if (o.standalone !== undefined) navigator.standalone = o.standalone;
	return {
		navigator,
		localStorage: o.localStorage ?? memoryStorage(),
		matchMedia: (q: string) => ({ matches: q.includes('standalone') && !!o.displayModeStandalone })
	} as unknown as Window;
}

function fakeStorage(persisted: boolean, grant: boolean) {
	return {
		persisted: vi.fn(async () => persisted),
		persist: vi.fn(async () => grant),
		estimate: vi.fn(async () => ({ usage: 1_234_567, quota: 300_000_000_000 }))
	};
}

describe('requestPersistence', () => {
	it('asks the browser once, and remembers that it asked', async () => {
		const storage = fakeStorage(false, false);
		const win = fakeWindow({ storage });
		expect(await requestPersistence(win)).toBe(false);
		expect(await requestPersistence(win)).toBe(false);
		expect(storage.persist).toHaveBeenCalledTimes(1);
	});

	it('asks once more when the app runs installed, where browsers are likelier to say yes', async () => {
		const storage = fakeStorage(false, true);
		const localStorage = memoryStorage();
		await requestPersistence(fakeWindow({ storage, localStorage }));
		expect(await requestPersistence(fakeWindow({ storage, localStorage, displayModeStandalone: true }))).toBe(
			true
		);
		await requestPersistence(fakeWindow({ storage, localStorage, displayModeStandalone: true }));
		expect(storage.persist).toHaveBeenCalledTimes(2);
	});

	it('does not ask when storage is already persistent', async () => {
		const storage = fakeStorage(true, true);
		expect(await requestPersistence(fakeWindow({ storage }))).toBe(true);
		expect(storage.persist).not.toHaveBeenCalled();
	});

	it('answers no where the browser has no storage manager, or refuses to remember', async () => {
		expect(await requestPersistence(fakeWindow({ storage: undefined }))).toBe(false);
		const refusing = memoryStorage();
		refusing.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		const storage = fakeStorage(false, true);
		expect(await requestPersistence(fakeWindow({ storage, localStorage: refusing }))).toBe(true);
	});
});

describe('storageStatus', () => {
	it('reports persistence and the estimate', async () => {
		expect(await storageStatus(fakeWindow({ storage: fakeStorage(true, true) }))).toEqual({
			supported: true,
			persisted: true,
			usage: 1_234_567,
			quota: 300_000_000_000
		});
	});

	it('says when the browser cannot tell', async () => {
		expect(await storageStatus(fakeWindow({ storage: undefined }))).toEqual({
			supported: false,
			persisted: false,
			usage: null,
			quota: null
		});
		const noEstimate = { persisted: async () => false };
		expect(await storageStatus(fakeWindow({ storage: noEstimate }))).toMatchObject({
			supported: true,
			usage: null
		});
	});
});

describe('the iOS seven-day explanation', () => {
	it('is for Safari on iPhone and iPad in a tab only', () => {
		expect(isIosSafariTab(fakeWindow({ userAgent: IPHONE, standalone: false }))).toBe(true);
		expect(isIosSafariTab(fakeWindow({ userAgent: IPAD_AS_MAC, standalone: false, maxTouchPoints: 5 }))).toBe(
			true
		);
		// Installed on the home screen; a Mac; Android.
		expect(isIosSafariTab(fakeWindow({ userAgent: IPHONE, standalone: true }))).toBe(false);
		expect(isIosSafariTab(fakeWindow({ userAgent: IPAD_AS_MAC, standalone: false, maxTouchPoints: 0 }))).toBe(
			false
		);
		expect(isIosSafariTab(fakeWindow({ userAgent: ANDROID }))).toBe(false);
	});

	it('is shown until dismissed, then never again', () => {
		const win = fakeWindow({ userAgent: IPHONE, standalone: false });
		expect(shouldExplainIosStorage(win)).toBe(true);
		dismissIosStorageExplanation(win);
		expect(shouldExplainIosStorage(win)).toBe(false);
	});
});

describe('formatBytes', () => {
	it.each([
		[0, '0 B'],
		[999, '999 B'],
		[1_234, '1.2 KB'],
		[740_000, '740 KB'],
		[999_700, '1.0 MB'],
		[12_345_678, '12.3 MB'],
		[1_500_000_000, '1.5 GB']
	])('%d bytes read as %s', (bytes, text) => {
		expect(formatBytes(bytes)).toBe(text);
	});
});

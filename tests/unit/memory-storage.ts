// Node has no localStorage: a small one in memory, as the browser's behaves for the calls the app makes.
export class MemoryStorage {
	#items = new Map<string, string>();
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.#items.set(key, String(value));
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
	clear() {
		this.#items.clear();
	}
}

/** Gives the test a fresh, empty localStorage. */
export function freshLocalStorage(): void {
	(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
}

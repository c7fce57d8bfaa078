/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// The app offline: every file of this version is cached on install, and every request for this
// origin is answered from that cache. A new version installs beside the old one and waits; the page
// tells this worker when the learner has chosen to reload (src/lib/pwa/app-update.svelte.ts), so a
// page never runs on a mix of two versions' files.
import { build, files, prerendered, version } from '$service-worker';
import type { WorkerMessage } from '$lib/pwa/worker-message.ts';
import { isLazy } from '$lib/pwa/lazy-files.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `app-${version}`;
// The page for an address that was not prerendered (adapter-static's fallback, svelte.config.js): it holds no
// screen, and the app renders the one the address names in the browser (a document's page, or Not found).
const FALLBACK = '/404.html';
// SvelteKit's client compares this file with its own version after a failed navigation (a 404
// included) and reloads the page when they differ. Fetched from a server that already has the next
// version, it would send the pages this worker still serves into a reload loop; from the cache,
// it always names the version this worker serves.
const VERSION_FILE = '/_app/version.json';
const pages = new Set(prerendered);
// The optimizer (Settings, Optimize): its worker, its thread helper and its WebAssembly (1.7 MB) are not
// precached: most learners never run it. They are cached on first use, in a cache of this version of their own,
// and then work offline.
const LAZY = `lazy-${version}`;
const lazy = new Set(build.filter(isLazy));
const assets = new Set([...build.filter((path) => !lazy.has(path)), ...files, VERSION_FILE]);
// Cross-origin isolation, which the optimizer's WebAssembly threads need: sent with every response served here,
// so the app is isolated offline too (a host must send them as well: README, "Offline, installing and updates").
const ISOLATION: Record<string, string> = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};

async function precache(): Promise<void> {
	const cache = await caches.open(CACHE);
	const urls = [...new Set([FALLBACK, ...prerendered, ...assets])];
	await Promise.all(
		urls.map(async (url) => {
			// A hashed file the previous version already has is the same file: an update downloads
			// only what changed.
			const hashed = url.startsWith('/_app/immutable/');
			const kept = hashed ? await caches.match(url) : undefined;
			if (kept) return cache.put(url, kept);
			// Anything else past the HTTP cache: a page of the previous version must not be stored as this one's.
			const response = await fetch(new Request(url, { cache: hashed ? 'default' : 'reload' }));
			// A host may send the fallback page with its not-found status even when it is asked for by name.
			if (url === FALLBACK && response.status === 404) return cache.put(url, await asFound(response));
			if (!response.ok) throw new Error(`Precaching ${url} failed: ${response.status}`);
			await cache.put(url, await servable(response));
		})
	);
	// The optimizer's files an earlier version cached on use, when this version has the same ones (same hash).
	const lazyCache = await caches.open(LAZY);
	for (const url of lazy) {
		const kept = await caches.match(url);
		if (kept) await lazyCache.put(url, kept);
	}
}

/** A response with the cross-origin isolation headers. */
function isolated(response: Response): Response {
	if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0)
		return response;
	const headers = new Headers(response.headers);
	for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The fallback page as a page that was found: it renders whatever screen the address names. */
async function asFound(response: Response): Promise<Response> {
	return new Response(await response.blob(), { status: 200, headers: response.headers });
}

/** A navigation may not be answered with a redirected response; hosts that add or drop a trailing slash make one. */
async function servable(response: Response): Promise<Response> {
	if (!response.redirected) return response;
	return new Response(await response.blob(), {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers
	});
}

sw.addEventListener('install', (event) => {
	// No skipWaiting here: an open page keeps its version until the learner reloads.
	event.waitUntil(precache());
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== CACHE && key !== LAZY) await caches.delete(key);
			}
			// On the first visit, take the page that registered this worker, so it works offline at once.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const message = event.data as WorkerMessage | undefined;
	if (message?.type === 'skip-waiting') void sw.skipWaiting();
});

/** The cached copy that answers a request: the file itself, else for a page its prerendered HTML. */
function cacheKey(request: Request, url: URL): string | null {
	if (assets.has(url.pathname)) return url.pathname;
	if (request.mode !== 'navigate') return null;
	// Query and hash do not matter: a prerendered page applies them in the browser (the card browser's filters,
	// a quiz under way, a passage of a document).
	const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
	if (pages.has(path)) return path;
	if (path.endsWith('.html') && pages.has(path.slice(0, -5))) return path.slice(0, -5);
	// Any other address: the fallback page, which renders whatever screen the address names (Not found included).
	return FALLBACK;
}

async function respond(request: Request, key: string): Promise<Response> {
	const cached = await caches.match(key, { cacheName: CACHE });
	// Not cached (the browser evicted the cache): the network.
	return isolated(cached ?? (await fetch(request)));
}

/** An optimizer file: from its cache, else from the network, cached for next time. */
async function respondLazy(request: Request, path: string): Promise<Response> {
	const cache = await caches.open(LAZY);
	const cached = await cache.match(path);
	if (cached) return isolated(cached);
	const response = await fetch(request);
	if (response.ok) await cache.put(path, response.clone());
	return isolated(response);
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	// Never another origin's requests, and never a range of a file.
	if (url.origin !== sw.location.origin || request.headers.has('range')) return;
	if (lazy.has(url.pathname)) return event.respondWith(respondLazy(request, url.pathname));
	const key = cacheKey(request, url);
	if (key) event.respondWith(respond(request, key));
});

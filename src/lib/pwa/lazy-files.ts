// The files the service worker leaves out of its precache and caches on first use: the optimizer's worker, its
// thread helper and its WebAssembly (1.7 MB), which most learners never load. Shared with the bench's count of the
// precache (scripts/bench/sizes.ts).
export const isLazy = (path: string): boolean =>
	/^\/_app\/immutable\/workers\/(optimizer-worker-|workerHelpers-|assets\/fsrs_browser)/.test(path);

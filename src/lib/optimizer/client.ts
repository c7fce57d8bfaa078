// Runs the optimizer (optimizer-worker.ts) off the page's thread: one worker per run, ended with it. The page hears
// each phase's progress; while the parameters are fitted, it reads the fitting's progress from the
// WebAssembly memory the worker shares.
import type { Evaluation } from '../srs/optimize.ts';

export interface OptimizeResult {
	/** The fitted parameters (21, rounded to 4 decimals as stored). */
	parameters: number[];
	/** The parameters in force when the run started (null: FSRS's defaults). */
	current: number[] | null;
	/** The current and the fitted parameters evaluated on the learner's log. */
	before: Evaluation;
	after: Evaluation;
	reviews: number;
	/** Cards with answers in the log. */
	cards: number;
	/** The cards and answers the parameters were fitted to, when a long log was sampled (srs/optimize.ts, fitSample). */
	sample: { cards: number; reviews: number } | null;
	/** Training items: answers given a day or more after the card's previous one (of the sample, if any). */
	items: number;
	readMs: number;
	fitMs: number;
	totalMs: number;
}

export type OptimizePhase = 'reading' | 'loading' | 'fitting' | 'evaluating';

export type OptimizeReply =
	| { type: 'progress'; phase: OptimizePhase; value: number }
	| { type: 'fitting'; buffer: SharedArrayBuffer; pointer: number }
	| { type: 'result'; result: OptimizeResult }
	| { type: 'too-little'; reviews: number; items: number; needed: number }
	| { type: 'failed'; message: string };

export type OptimizeOutcome =
	| { ok: true; result: OptimizeResult }
	| { ok: false; tooLittle?: { reviews: number; items: number; needed: number }; message: string };

/** Why the optimizer cannot run on this page, or null when it can. */
export function unavailable(): string | null {
	if (typeof Worker === 'undefined' || typeof WebAssembly === 'undefined') {
		return 'This browser cannot run the optimizer: it needs Web Workers and WebAssembly.';
	}
	if (!globalThis.crossOriginIsolated) {
		return 'The optimizer needs the page to be cross-origin isolated: the server must send the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp. Reload the page once; if this stays, the host does not send them.';
	}
	return null;
}

/** Runs the optimizer on the saved log. `cancel` ends the run (the promise then settles as cancelled). */
export function optimize(onProgress: (phase: OptimizePhase, value: number) => void): {
	done: Promise<OptimizeOutcome>;
	cancel: () => void;
} {
	const worker = new Worker(new URL('./optimizer-worker.ts', import.meta.url), {
		type: 'module',
		name: 'optimizer'
	});
	let timer: ReturnType<typeof setInterval> | undefined;
	let settle: (outcome: OptimizeOutcome) => void = () => {};
	const done = new Promise<OptimizeOutcome>((resolve) => (settle = resolve)).finally(() => {
		clearInterval(timer);
		worker.terminate();
	});
	worker.addEventListener('message', (event: MessageEvent<OptimizeReply>) => {
		const reply = event.data;
		switch (reply.type) {
			case 'progress':
				return onProgress(reply.phase, reply.value);
			case 'fitting': {
				onProgress('fitting', 0);
				const read = () => {
					// Processed and total items, two u32 at the pointer (fsrs-browser's getProgress).
					const [processed = 0, total = 0] = new Uint32Array(reply.buffer, reply.pointer, 2);
					if (total) onProgress('fitting', Math.min(1, processed / total));
				};
				timer = setInterval(read, 100);
				return;
			}
			case 'result':
				return settle({ ok: true, result: reply.result });
			case 'too-little':
				return settle({
					ok: false,
					tooLittle: reply,
					message: `Too little history to optimize: ${reply.items} of your ${reply.reviews} answers were given a day or more after the card’s previous answer, and the optimizer needs at least ${reply.needed}. Keep studying and try again in a few days.`
				});
			case 'failed':
				return settle({ ok: false, message: `The optimizer failed: ${reply.message}` });
		}
	});
	worker.addEventListener('error', (event) => {
		event.preventDefault();
		settle({
			ok: false,
			message: `The optimizer could not start: ${event.message || 'its files could not be loaded'}`
		});
	});
	worker.postMessage({ type: 'optimize' });
	return { done, cancel: () => settle({ ok: false, message: 'Optimizing was cancelled.' }) };
}

// The optimizer's worker: reads the review log, fits the 21 FSRS-6 parameters to it with fsrs-browser (fsrs-rs
// compiled to WebAssembly, on a pool of threads), and evaluates the current and the fitted parameters on the
// same log. The page hears progress; the fitting's own progress is in the WebAssembly memory, which the page
// reads (it is shared), since the fitting holds this worker's thread until it ends.
import init, { Fsrs, initThreadPool, Progress } from 'fsrs-browser';
import { errorText } from '../errors.ts';
import { readHistory } from '../db/history.ts';
import { evaluate, fitSample, histories, MIN_ITEMS, trainingItems } from '../srs/optimize.ts';
import type { OptimizeReply } from './client.ts';

const post = (reply: OptimizeReply) => postMessage(reply);

let ready: Promise<WebAssembly.Memory> | undefined;

/** The WebAssembly module and its threads, once per worker. */
function start(): Promise<WebAssembly.Memory> {
	ready ??= (async () => {
		const wasm = await init();
		await initThreadPool(Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 8)));
		return wasm.memory;
	})();
	return ready;
}

addEventListener('message', async () => {
	try {
		const started = performance.now();
		post({ type: 'progress', phase: 'reading', value: 0 });
		// The WebAssembly compiles and its threads start while the log is read.
		const loading = start();
		loading.catch(() => {});
		const { reviews, settings } = await readHistory((done, total) =>
			post({ type: 'progress', phase: 'reading', value: total ? done / total : 1 })
		);
		const readMs = performance.now() - started;
		const h = histories(reviews, settings.dayStartHour);
		const fit = fitSample(h);
		const items = trainingItems(fit.histories);
		if (items.count < MIN_ITEMS) {
			post({ type: 'too-little', reviews: h.reviews, items: items.count, needed: MIN_ITEMS });
			return;
		}
		post({ type: 'progress', phase: 'loading', value: 0 });
		const memory = await loading;
		const progress = Progress.new();
		post({
			type: 'fitting',
			buffer: memory.buffer as unknown as SharedArrayBuffer,
			pointer: progress.pointer()
		});
		const fitStarted = performance.now();
		const fitted = new Fsrs().computeParameters(items.ratings, items.deltas, items.lengths, progress, true);
		const fitMs = performance.now() - fitStarted;
		const parameters = [...fitted].map((w) => Math.round(w * 10_000) / 10_000);
		post({ type: 'progress', phase: 'evaluating', value: 0 });
		const current = evaluate(settings.parameters, h);
		post({ type: 'progress', phase: 'evaluating', value: 0.5 });
		const after = evaluate(parameters, h);
		post({
			type: 'result',
			result: {
				parameters,
				current: settings.parameters,
				before: current,
				after,
				reviews: h.reviews,
				cards: h.cards.length,
				sample: fit.sampled ? { cards: fit.histories.cards.length, reviews: fit.histories.reviews } : null,
				items: items.count,
				readMs,
				fitMs,
				totalMs: performance.now() - started
			}
		});
	} catch (e) {
		post({ type: 'failed', message: errorText(e) });
	}
});

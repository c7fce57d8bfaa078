// The backup worker: runs one export or import (jobs.ts) off the page's thread, posting its
// progress and then its result. The page starts one per job and ends it after (client.ts).
import { errorText } from '../errors.ts';
import type { KnownIds } from './validate.ts';
import { exportFile, importFile, type JobProgress } from './jobs.ts';

export type WorkerRequest =
	{ job: 'import'; file: Blob; known: KnownIds } | { job: 'export'; appVersion: string; exportedAt: number };

export type WorkerReply =
	| { type: 'progress'; progress: JobProgress }
	| { type: 'imported'; result: Awaited<ReturnType<typeof importFile>> }
	| { type: 'exported'; result: Awaited<ReturnType<typeof exportFile>> }
	| { type: 'failed'; message: string };

const post = (reply: WorkerReply) => postMessage(reply);
const progress = (p: JobProgress) => post({ type: 'progress', progress: p });

addEventListener('message', async (event: MessageEvent<WorkerRequest>) => {
	const request = event.data;
	try {
		if (request.job === 'import') {
			post({ type: 'imported', result: await importFile(request.file, request.known, progress) });
		} else {
			post({ type: 'exported', result: await exportFile(request, progress) });
		}
	} catch (e) {
		post({ type: 'failed', message: errorText(e) });
	}
});

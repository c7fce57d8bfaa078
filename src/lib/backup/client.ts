// Where backup jobs run: in a worker of their own (the page only hears progress), or, where there are no
// workers (the unit tests, in Node), on this thread with pauses between slices.
import type { KnownIds } from './validate.ts';
import type { ExportResult, ImportResult, OnProgress } from './jobs.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export interface BackupJobs {
	importFile(file: Blob, known: KnownIds, onProgress: OnProgress): Promise<ImportResult>;
	exportFile(
		header: { appVersion: string; exportedAt: number },
		onProgress: OnProgress
	): Promise<ExportResult>;
}

/** Runs one job in a new worker, which ends with it (and with it its database connection and memory). */
function inWorker<T>(request: WorkerRequest, onProgress: OnProgress): Promise<T> {
	const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
	return new Promise<T>((resolve, reject) => {
		worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
			const reply = event.data;
			if (reply.type === 'progress') return onProgress(reply.progress);
			if (reply.type === 'failed') reject(new Error(reply.message));
			else resolve(reply.result as T);
		});
		worker.addEventListener('error', (event) => {
			event.preventDefault();
			reject(new Error(event.message || 'the backup worker could not start'));
		});
		worker.postMessage(request);
	}).finally(() => worker.terminate());
}

export const workerJobs: BackupJobs = {
	importFile: (file, known, onProgress) => inWorker({ job: 'import', file, known }, onProgress),
	exportFile: (header, onProgress) => inWorker({ job: 'export', ...header }, onProgress)
};

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The same jobs on this thread: loaded only where there is no Worker. */
export const inThreadJobs: BackupJobs = {
	async importFile(file, known, onProgress) {
		const jobs = await import('./jobs.ts');
		return jobs.importFile(file, known, onProgress, pause);
	},
	async exportFile(header, onProgress) {
		const jobs = await import('./jobs.ts');
		return jobs.exportFile(header, onProgress);
	}
};

export function backupJobs(): BackupJobs {
	return typeof Worker === 'undefined' ? inThreadJobs : workerJobs;
}

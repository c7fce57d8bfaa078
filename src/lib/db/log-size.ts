// The review log's size against the note kept outside the database (marker.ts), for the app's database.
import { getDb } from './index.ts';
import { checkLogSize, refreshLogSize, type LogShrank } from './marker.ts';

export type { LogShrank };

/** Null when the log is as large as noted (or larger); else what there is now and what the note said. */
export function logShrank(): Promise<LogShrank | null> {
	return checkLogSize(getDb());
}

/** Notes the log's size as it is now: after an import, or when the learner accepts a smaller log. */
export function noteLogSize(): Promise<number> {
	return refreshLogSize(getDb());
}

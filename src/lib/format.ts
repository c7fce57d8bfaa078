// Times and durations as the screens show them. Pure; dates are made here, at the edge.

/** A time spent, such as "45 s", "12 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
	const seconds = Math.round(Math.max(0, ms) / 1000);
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} min`;
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return m ? `${h} h ${m} min` : `${h} h`;
}

function sameDay(a: Date, b: Date): boolean {
	return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * When something happens, relative to now: "in 5 min", "today at 14:05", "tomorrow at 04:00",
 * "on 12 March 2026 at 04:00". A time already past is "now".
 */
export function formatWhen(time: number, now: number, locale?: string): string {
	const ms = time - now;
	if (ms <= 30_000) return 'now';
	if (ms < 60 * 60_000) return `in ${Math.max(1, Math.round(ms / 60_000))} min`;
	const at = new Date(time);
	const clock = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
	const today = new Date(now);
	if (sameDay(at, today)) return `today at ${clock}`;
	const tomorrow = new Date(now);
	tomorrow.setDate(tomorrow.getDate() + 1);
	if (sameDay(at, tomorrow)) return `tomorrow at ${clock}`;
	const date = at.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' });
	return `on ${date} at ${clock}`;
}

/** A date and time for lists, such as a card's due date or a review in its history. */
export function formatDateTime(time: number, locale?: string): string {
	return new Date(time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

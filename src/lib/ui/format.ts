// Times, durations and shares as the screens show them. Pure; dates are made here, at the edge.

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

/** A share (0 to 1) as a whole percentage: 0.855 is 86. */
export function wholePercent(share: number): number {
	return Math.round(share * 100);
}

/** A share as "86%" (no decimals), or "—" with nothing to show. */
export function formatPercent(share: number | null): string {
	return share === null ? '—' : `${wholePercent(share)}%`;
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

/** An interval in words, for screen readers: "10 minutes", "3 days", "2 months". Never negative. */
export function describeInterval(ms: number): string {
	const minutes = Math.max(0, ms) / 60_000;
	const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	if (minutes < 1) return 'less than a minute';
	if (minutes < 60) return unit(Math.round(minutes), 'minute');
	const hours = minutes / 60;
	if (hours < 24) return unit(Math.round(hours), 'hour');
	const days = hours / 24;
	if (days < 30) return unit(Math.round(days), 'day');
	if (days < 365) return unit(Math.round(days / 30), 'month');
	return unit(Math.round(days / 365), 'year');
}

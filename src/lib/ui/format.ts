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

// Date formats, made once per locale and kept: making one is slow (tens of milliseconds the first time on a
// phone), and a screen that shows a time at a moment that must not stutter (the review's last answer, which
// shows the day's summary) makes them ahead with prepareWhen.
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const LONG_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale ?? ''}|${JSON.stringify(options)}`;
	let format = formats.get(key);
	if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
	return format;
}

/** Makes the formats formatWhen uses, so that its first use is quick (call when idle). */
export function prepareWhen(locale?: string): void {
	dateFormat(locale, CLOCK).format(0);
	dateFormat(locale, LONG_DATE).format(0);
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
	const clock = dateFormat(locale, CLOCK).format(at);
	const today = new Date(now);
	if (sameDay(at, today)) return `today at ${clock}`;
	const tomorrow = new Date(now);
	tomorrow.setDate(tomorrow.getDate() + 1);
	if (sameDay(at, tomorrow)) return `tomorrow at ${clock}`;
	const date = dateFormat(locale, LONG_DATE).format(at);
	return `on ${date} at ${clock}`;
}

/** A date and time for lists, such as a card's due date or a review in its history. */
export function formatDateTime(time: number, locale?: string): string {
	return dateFormat(locale, DATE_TIME).format(time);
}

/**
 * A due date for a line of a list: the date alone when it is a day or more away (a review), with the time when
 * it is sooner (a card in learning), so that the line stays short on a phone.
 */
export function formatDue(time: number, now: number, locale?: string): string {
	return time - now >= 86_400_000 ? dateFormat(locale, DATE).format(time) : formatDateTime(time, locale);
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

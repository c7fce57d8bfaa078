// A daily reminder as an iCalendar file (RFC 5545), for any calendar app: no server, no notification
// permission. The event repeats every day at the chosen local time and links to the app's review. Pure.

export interface ReminderOptions {
	/** Local time of day, "HH:MM" (24-hour). */
	time: string;
	/** The address the event opens: the app's /review. */
	url: string;
	/** When the file is made (epoch ms): the first day, and the file's time stamp. */
	now: number;
	/** The event's unique id. */
	uid: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether `time` is a time of day the reminder accepts ("07:30", "21:05"). */
export function isReminderTime(time: string): boolean {
	return TIME.test(time);
}

/** Text escaped for an iCalendar TEXT value. */
function text(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/\n/g, '\\n')
		.replace(/([,;])/g, '\\$1');
}

/** Lines longer than 75 octets folded as RFC 5545 asks (a CRLF and a space), never inside a character. */
function fold(line: string): string {
	const bytes = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	for (const char of line) {
		const limit = parts.length ? 74 : 75;
		if (bytes.encode(current + char).length > limit) {
			parts.push(current);
			current = '';
		}
		current += char;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function utcStamp(time: number): string {
	const d = new Date(time);
	return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** The calendar file. Throws on a time that is not "HH:MM". */
export function dailyReminder({ time, url, now, uid }: ReminderOptions): string {
	const m = TIME.exec(time);
	if (!m) throw new Error(`“${time}” is not a time of day such as 07:30.`);
	const day = new Date(now);
	// Floating local time: the reminder keeps to the clock wherever the calendar is.
	const start = `${day.getFullYear()}${pad(day.getMonth() + 1)}${pad(day.getDate())}T${m[1]}${m[2]}00`;
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//kz-tm-study//Daily reminder//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${uid}`,
		`DTSTAMP:${utcStamp(now)}`,
		`DTSTART:${start}`,
		'DURATION:PT10M',
		'RRULE:FREQ=DAILY',
		`SUMMARY:${text('Review your cards: Kazakhstan–Turkmenistan relations')}`,
		`DESCRIPTION:${text(`Today's cards are waiting: ${url}`)}`,
		`URL:${url}`,
		'BEGIN:VALARM',
		'ACTION:DISPLAY',
		'TRIGGER:PT0M',
		`DESCRIPTION:${text('Review your cards')}`,
		'END:VALARM',
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}

// Study days for the charts: each begins at the day-start hour in local time (see srs/day.ts).
import { dayKey, dayStart } from '../srs/day.ts';

export interface StudyDay {
	/** The local calendar date the study day begins on, "YYYY-MM-DD". */
	key: string;
	start: number;
	/** The start of the next study day. */
	end: number;
	/** 0 Monday … 6 Sunday. */
	weekday: number;
}

function startAt(today: number, offset: number, hour: number): number {
	const d = new Date(today);
	d.setDate(d.getDate() + offset);
	d.setHours(hour, 0, 0, 0);
	return d.getTime();
}

/**
 * `count` consecutive study days, the first `firstOffset` days from the one containing `now`
 * (negative: in the past), oldest first. Built with local-time setters, so days stay whole
 * across a daylight-saving change.
 */
export function studyDays(now: number, hour: number, firstOffset: number, count: number): StudyDay[] {
	const today = dayStart(now, hour);
	const days: StudyDay[] = [];
	let start = startAt(today, firstOffset, hour);
	for (let i = 0; i < count; i++) {
		const end = startAt(today, firstOffset + i + 1, hour);
		days.push({ key: dayKey(start, hour), start, end, weekday: (new Date(start).getDay() + 6) % 7 });
		start = end;
	}
	return days;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "Mon 3 Mar"-style label of a day key, in the reader's locale. */
export function dayLabel(key: string, options: Intl.DateTimeFormatOptions = {}): string {
	const [y, m, d] = key.split('-').map(Number) as [number, number, number];
	// A formatter is costly to make and the charts label hundreds of days: one per set of options.
	const id = JSON.stringify(options);
	let format = formats.get(id);
	if (!format) {
		format = new Intl.DateTimeFormat(undefined, {
			weekday: 'short',
			day: 'numeric',
			month: 'short',
			...options
		});
		formats.set(id, format);
	}
	return format.format(new Date(y, m - 1, d));
}

// Study days follow local time and begin at the day-start hour (4 am by default, as in Anki).
// Dates are built with local-time setters, so a daylight-saving change moves the boundary with the clock.

/** Start of the study day that contains `now`. */
export function dayStart(now: number, hour: number): number {
	const d = new Date(now);
	d.setHours(hour, 0, 0, 0);
	if (d.getTime() > now) {
		d.setDate(d.getDate() - 1);
		d.setHours(hour, 0, 0, 0);
	}
	return d.getTime();
}

/** Start of the next study day after the one that contains `now`. */
export function nextDayStart(now: number, hour: number): number {
	const d = new Date(dayStart(now, hour));
	d.setDate(d.getDate() + 1);
	d.setHours(hour, 0, 0, 0);
	return d.getTime();
}

/** The study day containing `now`, as a local calendar date "YYYY-MM-DD". */
export function dayKey(now: number, hour: number): string {
	const d = new Date(dayStart(now, hour));
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

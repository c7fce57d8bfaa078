import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { dailyReminder, isReminderTime } from './ics.ts';

const now = new Date(2026, 11, 2, 9, 15).getTime();
const url = 'https://study.example/review';

describe('the daily reminder file', () => {
	const file = dailyReminder({ time: '19:30', url, now, uid: 'reminder-1@kz-tm-study' });

	it('parses as iCalendar, with one event repeating daily at the time chosen and linking to the review', () => {
		const calendar = new ICAL.Component(ICAL.parse(file));
		expect(calendar.name).toBe('vcalendar');
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
		const events = calendar.getAllSubcomponents('vevent');
		expect(events).toHaveLength(1);
		const event = new ICAL.Event(events[0]!);
		expect(event.uid).toBe('reminder-1@kz-tm-study');
		expect(event.isRecurring()).toBe(true);
		const rule = events[0]!.getFirstPropertyValue('rrule') as ICAL.Recur;
		expect(rule.freq).toBe('DAILY');
		expect(events[0]!.getFirstPropertyValue('url')).toBe(url);
		expect(event.summary).toContain('Review your cards');

		// The next three occurrences: today and the two days after, each at 19:30.
		const it = event.iterator();
		const days = [1, 2, 3].map(() => it.next()!.toJSDate());
		expect(days.map((d) => [d.getDate(), d.getHours(), d.getMinutes()])).toEqual([
			[2, 19, 30],
			[3, 19, 30],
			[4, 19, 30]
		]);
	});

	it('keeps to the format: CRLF line ends, no line over 75 octets, text escaped', () => {
		expect(file.endsWith('\r\n')).toBe(true);
		for (const line of file.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		const long = dailyReminder({ time: '07:05', url: `${url}?${'x'.repeat(200)}`, now, uid: 'u' });
		const event = new ICAL.Component(ICAL.parse(long)).getFirstSubcomponent('vevent')!;
		expect(event.getFirstPropertyValue('url')).toBe(`${url}?${'x'.repeat(200)}`);
		expect(event.getFirstPropertyValue('description')).toBe(
			`Today's cards are waiting: ${url}?${'x'.repeat(200)}`
		);
	});

	it('refuses a time that is not a time of day', () => {
		for (const bad of ['7:30', '24:00', '12:60', '', 'noon']) {
			expect(isReminderTime(bad)).toBe(false);
			expect(() => dailyReminder({ time: bad, url, now, uid: 'u' })).toThrow(/not a time of day/);
		}
		expect(isReminderTime('00:00')).toBe(true);
		expect(isReminderTime('23:59')).toBe(true);
	});
});

import { describe, expect, it } from 'vitest';
import { describeInterval, formatDuration, formatWhen } from './format.ts';

const now = new Date(2026, 2, 10, 10, 0).getTime();
const MIN = 60_000;

describe('formats', () => {
	it('gives durations in seconds, minutes and hours, never negative', () => {
		expect(formatDuration(-5)).toBe('0 s');
		expect(formatDuration(45_000)).toBe('45 s');
		expect(formatDuration(12 * MIN)).toBe('12 min');
		expect(formatDuration(65 * MIN)).toBe('1 h 5 min');
		expect(formatDuration(120 * MIN)).toBe('2 h');
	});

	it('says when something happens, relative to now', () => {
		expect(formatWhen(now - MIN, now)).toBe('now');
		expect(formatWhen(now + 25 * MIN, now)).toBe('in 25 min');
		expect(formatWhen(new Date(2026, 2, 10, 18, 30).getTime(), now, 'en-GB')).toBe('today at 18:30');
		expect(formatWhen(new Date(2026, 2, 11, 4, 0).getTime(), now, 'en-GB')).toBe('tomorrow at 04:00');
		expect(formatWhen(new Date(2026, 3, 2, 4, 0).getTime(), now, 'en-GB')).toBe('on 2 April 2026 at 04:00');
	});

	it('puts intervals in words for screen readers', () => {
		expect(describeInterval(-1)).toBe('less than a minute');
		expect(describeInterval(MIN)).toBe('1 minute');
		expect(describeInterval(10 * MIN)).toBe('10 minutes');
		expect(describeInterval(3 * 24 * 60 * MIN)).toBe('3 days');
		expect(describeInterval(400 * 24 * 60 * MIN)).toBe('1 year');
	});
});

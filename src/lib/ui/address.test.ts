import { describe, expect, it } from 'vitest';
import { decodePart, hashTarget, safeHash } from './address.ts';

describe('reading an address', () => {
	it('decodes percent-encoding, and keeps a malformed part as written rather than throwing', () => {
		expect(decodePart('p%31')).toBe('p1');
		expect(decodePart('Ashgabat%20talks')).toBe('Ashgabat talks');
		expect(decodePart('%ZZ')).toBe('%ZZ');
		expect(decodePart('%E0%A4%A')).toBe('%E0%A4%A');
		expect(decodePart('%')).toBe('%');
	});

	it('names the passage of a hash', () => {
		expect(hashTarget('')).toBe('');
		expect(hashTarget('#')).toBe('');
		expect(hashTarget('#p4')).toBe('p4');
		expect(hashTarget('#%ZZ')).toBe('%ZZ');
	});
});

describe('a hash made safe to decode', () => {
	it('is left alone when it decodes, and otherwise decodes to the text as written', () => {
		expect(safeHash('#p4')).toBeNull();
		expect(safeHash('#caf%C3%A9')).toBeNull();
		for (const bad of ['#%ZZ', '#%', '#%E0%A4%A', '#ok%C3%A9%ZZ']) {
			const safe = safeHash(bad)!;
			expect(decodeURIComponent(safe)).toBe(bad);
			expect(hashTarget(safe)).toBe(hashTarget(bad));
		}
	});
});

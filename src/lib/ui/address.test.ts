import { describe, expect, it } from 'vitest';
import { decodePart, hashTarget } from './address.ts';

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

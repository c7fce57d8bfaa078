// Reading parts of an address defensively: whatever a link or a hand-typed address holds, a screen gets text.

/** The text a percent-encoded part of an address stands for; the part as it is when it is not valid encoding. */
export function decodePart(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}

/** The passage id an address's hash names ("" for none): `#p12`, `#p%31`; a malformed one is taken as written. */
export function hashTarget(hash: string): string {
	return decodePart(hash.startsWith('#') ? hash.slice(1) : hash);
}

/**
 * The same hash made safe to decode, or null when it decodes already: a malformed one (`#%ZZ`) has every “%”
 * encoded (`#%25ZZ`), so that it decodes to the text as written, as `decodePart` takes it.
 */
export function safeHash(hash: string): string | null {
	// The decoded text is kept, not dropped: a minifier may take an unused decode for one without effect.
	let decoded: string | null;
	try {
		decoded = decodeURIComponent(hash);
	} catch {
		decoded = null;
	}
	return decoded === null ? hash.replaceAll('%', '%25') : null;
}

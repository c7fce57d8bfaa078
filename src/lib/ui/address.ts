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

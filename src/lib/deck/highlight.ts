/** Splits a passage around the first occurrence of a quote, for a <mark>. Null when the quote is not there. */
export function splitAtQuote(
	text: string,
	quote: string
): { before: string; quote: string; after: string } | null {
	if (!quote) return null;
	const at = text.indexOf(quote);
	if (at < 0) return null;
	return { before: text.slice(0, at), quote, after: text.slice(at + quote.length) };
}

// What went wrong, in words a screen can show: an Error's message, or the thrown value as text.
export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

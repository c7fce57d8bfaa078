// Saving a file the app made: the browser's download, from memory (works offline).
export function saveFile(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.hidden = true;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoked later: some browsers read the blob after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

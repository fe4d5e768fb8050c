/** Hands a file the API answered (fetched with the session's token) to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Long enough for the browser to start the download; the object URL holds the whole file.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A chosen file as main receives it: the name and the bytes in Base64. */
export interface RosterFile {
  name: string;
  base64: string;
  size: number;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

/** Reads the .csv files among those chosen (a folder brings everything in it). */
export async function readRosterFiles(files: FileList | File[]): Promise<RosterFile[]> {
  const csv = [...files].filter((f) => f.name.toLowerCase().endsWith('.csv'));
  return Promise.all(
    csv.map(async (file) => ({ name: file.name, size: file.size, base64: toBase64(new Uint8Array(await file.arrayBuffer())) })),
  );
}

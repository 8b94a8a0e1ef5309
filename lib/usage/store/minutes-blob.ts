// Requests per minute of a bucket-hour (usage_minutes' object_minutes and bucket_minutes): 60 counts as
// little-endian uint32. Pure, so the writer and the readers share one format.

const minutesPerHour = 60;
const bytesPerCount = 4;

/** A file's counts added to what is stored for the same bucket-hour and key (nothing yet: undefined). */
export function addMinutes(counts: ArrayLike<number>, stored: Buffer | undefined): Buffer {
  const out = Buffer.alloc(minutesPerHour * bytesPerCount);
  for (let i = 0; i < minutesPerHour; i++) {
    const at = i * bytesPerCount;
    out.writeUInt32LE(counts[i]! + (stored ? stored.readUInt32LE(at) : 0), at);
  }
  return out;
}

export const encodeMinutes = (counts: ArrayLike<number>): Buffer => addMinutes(counts, undefined);

export function decodeMinutes(blob: Buffer): number[] {
  return Array.from({ length: minutesPerHour }, (_, i) => blob.readUInt32LE(i * bytesPerCount));
}

// A bucket-hour's requesters of one key and kind, packed: per requester four little-endian uint32
// (session id, role id, then the minutes of its calls as two 30-bit masks, as in SlotRow).
// Pure, so the writer and the readers share one format.

type StoredRequester = { session: number; role: number; minutesLow: number; minutesHigh: number };

const bytesPerRequester = 16;

export function encodeRequesters(requesters: readonly StoredRequester[]): Buffer {
  const out = Buffer.alloc(requesters.length * bytesPerRequester);
  requesters.forEach((r, i) => {
    const at = i * bytesPerRequester;
    out.writeUInt32LE(r.session, at);
    out.writeUInt32LE(r.role, at + 4);
    out.writeUInt32LE(r.minutesLow, at + 8);
    out.writeUInt32LE(r.minutesHigh, at + 12);
  });
  return out;
}

export function decodeRequesters(blob: Buffer): StoredRequester[] {
  const out: StoredRequester[] = [];
  for (let at = 0; at + bytesPerRequester <= blob.length; at += bytesPerRequester)
    out.push({
      session: blob.readUInt32LE(at),
      role: blob.readUInt32LE(at + 4),
      minutesLow: blob.readUInt32LE(at + 8),
      minutesHigh: blob.readUInt32LE(at + 12),
    });
  return out;
}

/** Stored and new requesters of one bucket-hour, key and kind: one entry per session, minutes OR-ed. */
export function mergeRequesters(
  stored: readonly StoredRequester[],
  added: readonly StoredRequester[],
): StoredRequester[] {
  const bySession = new Map<number, StoredRequester>();
  for (const r of [...stored, ...added]) {
    const seen = bySession.get(r.session);
    if (seen) {
      seen.minutesLow = (seen.minutesLow | r.minutesLow) >>> 0;
      seen.minutesHigh = (seen.minutesHigh | r.minutesHigh) >>> 0;
    } else bySession.set(r.session, { ...r });
  }
  return [...bySession.values()];
}

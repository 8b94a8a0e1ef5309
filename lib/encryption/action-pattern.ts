// IAM action patterns ("kms:*", "kms:Re*", "kms:Generate?ataKey*") matched without a regular expression: a
// pattern from a key policy is policy text anyone with kms:PutKeyPolicy wrote, and "a*a*a*a*…b" as a regex
// backtracks. Here the pattern is split at its stars and each piece is found once, left to right: the leftmost
// match of each piece is never worse than a later one, so no piece is ever tried again.

const same = (p: string, t: string) => p === "?" || p === t;

/** Whether `piece` (with ? for any one character) matches `text` at `at`. */
function pieceAt(piece: string, text: string, at: number): boolean {
  if (at + piece.length > text.length) return false;
  for (let i = 0; i < piece.length; i++) if (!same(piece[i]!, text[at + i]!)) return false;
  return true;
}

/** IAM's case-insensitive match of an action against a pattern with * (any run) and ? (any one character). */
export function actionMatches(pattern: string, action: string): boolean {
  const pieces = pattern.toLowerCase().split("*");
  const text = action.toLowerCase();
  const first = pieces[0]!;
  if (pieces.length === 1) return first.length === text.length && pieceAt(first, text, 0);
  const last = pieces[pieces.length - 1]!;
  if (!pieceAt(first, text, 0)) return false;
  const end = text.length - last.length;
  if (end < first.length || !pieceAt(last, text, end)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    while (at + piece.length <= end && !pieceAt(piece, text, at)) at++;
    if (at + piece.length > end) return false;
    at += piece.length;
  }
  return true;
}

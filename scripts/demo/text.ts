/** Text helpers shared by the demo's parser and renderer (pure). */

/** Lower case, accents removed, typographic apostrophes made plain: how typed names are compared. */
export function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`]/g, "'").toLowerCase().trim();
}

/** Levenshtein distance, for "did you mean" suggestions on short names. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `typed` (a prefix of it, or at most 2 edits away), if any. */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const wanted = normalize(typed);
  if (wanted === '') return undefined;
  const prefixed = candidates.find((candidate) => normalize(candidate).startsWith(wanted));
  if (prefixed !== undefined) return prefixed;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance <= 2 && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

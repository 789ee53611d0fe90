// A worker that vanished without a result (the machine restarted, or it was killed) gets a fresh
// attempt on its own, a bounded number of times in a row; then its package stays lost for a
// person to look at.

/** Automatic restarts after losses in a row; one more loss leaves the package lost. */
export const MAX_LOST_RESTARTS = 2;

/**
 * Whether to start again after the latest attempt was lost, given the package's attempts newest
 * first (the lost one included).
 */
export function restartAfterLoss(attemptsNewestFirst: ReadonlyArray<{ status: string }>): boolean {
  let lostInARow = 0;
  for (const attempt of attemptsNewestFirst) {
    if (attempt.status !== "lost") break;
    lostInARow += 1;
  }
  return lostInARow <= MAX_LOST_RESTARTS;
}

"use client";

/**
 * What a page shows when its server rendering failed, most often because the metrics store could
 * not be reached. Next.js hides the server's message in production; the digest ties this page
 * to the server's log line.
 */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <>
      <h1>This page could not be shown</h1>
      <p className="notice">
        The site could not read the metrics store. Check that the database at DATABASE_URL is up and
        migrated, then try again.
        {error.digest !== undefined && ` (server log reference ${error.digest})`}
      </p>
      <p>
        <button type="button" onClick={() => reset()}>
          Try again
        </button>
      </p>
    </>
  );
}

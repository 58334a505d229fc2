// The account page's "your data" part: a copy of everything the store keeps about the signed-in
// customer, as JSON (app/(account)/account/data/route.ts reads the session, so it is only theirs).
export function DataExport() {
  return (
    <section aria-labelledby="your-data" className="space-y-2">
      <h2 id="your-data" className="text-lg font-semibold">
        Your data
      </h2>
      <p className="text-sm text-zinc-600">
        Your account, orders, licence keys and machines, files and downloads, in one JSON file.
      </p>
      <a
        href="/account/data"
        download
        className="inline-block rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-50"
      >
        Download my data
      </a>
    </section>
  );
}

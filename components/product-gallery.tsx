import type { ProductImageView } from "@/lib/dal/product-images";

// The product page's cover, at the top of the page and so loaded at once.
export function ProductCover({ cover }: { cover: ProductImageView }) {
  return (
    // eslint-disable-next-line @next/next/no-img-element -- immutable images of our own, measured when stored
    <img
      src={cover.url}
      alt={cover.alt}
      width={cover.width}
      height={cover.height}
      fetchPriority="high"
      decoding="async"
      className="h-auto w-full rounded-xl border border-zinc-200 bg-zinc-100"
      data-testid="product-cover"
    />
  );
}

// Screenshots below the description: lazy, since they start below the first screen. Each opens at
// full size; the stored width and height keep the page from jumping while they arrive.
export function ProductGallery({ screenshots }: { screenshots: ProductImageView[] }) {
  if (screenshots.length === 0) return null;
  return (
    <section className="space-y-4" aria-labelledby="screenshots-heading">
      <h2 id="screenshots-heading" className="text-lg font-semibold">
        Screenshots
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2" data-testid="gallery">
        {screenshots.map((image) => (
          <li key={image.id} className="min-w-0">
            <a
              href={image.url}
              className="block rounded-lg focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- immutable images of our own, measured when stored */}
              <img
                src={image.url}
                alt={image.alt}
                width={image.width}
                height={image.height}
                loading="lazy"
                decoding="async"
                className="h-auto w-full rounded-lg border border-zinc-200 bg-zinc-100 shadow-sm"
              />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

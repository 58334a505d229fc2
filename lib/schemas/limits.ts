// Lengths that the forms' maxLength shows as well as the schemas check; no zod here, so a client
// component can import them.

// Release notes are Markdown in a text column; the API has promised 50,000 characters since v1.
export const RELEASE_NOTES_MAX = 50_000;
export const PRODUCT_DESCRIPTION_MAX = 20_000;
// A logo travels inside the settings form's server action, whose whole body is capped at 1 MiB.
export const STORE_LOGO_MAX_BYTES = 512 * 1024;
// A refund's note travels to Stripe as metadata, whose values Stripe caps at 500 characters.
export const REFUND_NOTE_MAX = 500;
// A product image travels the same way (see lib/catalog/product-media.ts): with its form's few
// fields it must stay under that 1 MiB. Screenshots that big are best exported as WebP or AVIF.
export const PRODUCT_IMAGE_MAX_BYTES = 960 * 1024;
export const PRODUCT_SCREENSHOTS_MAX = 8;
export const IMAGE_ALT_MAX = 250;
// What a customer reads above a file made for them, and the note under it.
export const CUSTOMER_FILE_TITLE_MAX = 120;
export const CUSTOMER_FILE_NOTE_MAX = 500;

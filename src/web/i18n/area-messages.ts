// Messages of one area of the product (requests, offers, activities …) in the six languages, in one file owned by
// that area, spread into the language catalogs. The type makes every language complete for the area's keys.
export type AreaCatalogs<E extends Record<string, string>> = { en: E } & Record<"ar" | "zh" | "fr" | "ru" | "es", { [K in keyof E]: string }>;

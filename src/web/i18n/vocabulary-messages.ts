import type { AreaCatalogs } from "./area-messages.js";

const en = {} as const;

export const vocabularyMessages: AreaCatalogs<typeof en> = { en, ar: {}, zh: {}, fr: {}, ru: {}, es: {} };

import type { AreaCatalogs } from "./area-messages.js";

const en = {} as const;

export const offerMessages: AreaCatalogs<typeof en> = { en, ar: {}, zh: {}, fr: {}, ru: {}, es: {} };

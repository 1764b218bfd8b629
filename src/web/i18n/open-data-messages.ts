import type { AreaCatalogs } from "./area-messages.js";

// The open-data page and the download links (formats, licences, update times; R14, R34), in the six languages.

const en = {
  "opendata.title": "Open data",
};
type OpenData = { [K in keyof typeof en]: string };

const fr: OpenData = {
  "opendata.title": "Données ouvertes",
};
const es: OpenData = {
  "opendata.title": "Datos abiertos",
};
const ru: OpenData = {
  "opendata.title": "Открытые данные",
};
const ar: OpenData = {
  "opendata.title": "البيانات المفتوحة",
};
const zh: OpenData = {
  "opendata.title": "开放数据",
};

export const openDataMessages: AreaCatalogs<typeof en> = { en, fr, es, ru, ar, zh };

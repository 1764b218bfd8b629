import { formatDate, type Lang, type Translate } from "../i18n/i18n.js";

/** "from 1 January 2000 until …" or "… current": how every dated reference value shows its period (R34). */
export function validityText(t: Translate, lang: Lang, validFrom: string | null, validTo: string | null): string {
  return [
    validFrom ? t("country.validFrom", { date: formatDate(lang, validFrom) }) : null,
    validTo ? t("country.validUntil", { date: formatDate(lang, validTo) }) : t("country.since"),
  ]
    .filter(Boolean)
    .join(" ");
}

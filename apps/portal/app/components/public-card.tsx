import { PublicCard as Card } from "@ordinavo/ui";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "./language-switcher";

/** The card of the pages people see before signing in, with the language switcher above it. */
export function PublicCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation("common");
  return (
    <>
      <div className="public-language">
        <LanguageSwitcher />
      </div>
      <Card product={t("product")} title={title}>
        {children}
      </Card>
    </>
  );
}

import { PublicCard as Card } from "@ordinavo/ui";
import type { ReactNode } from "react";

/** The card of the pages people see before signing in. */
export function PublicCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card product="Ordinavo Customer Portal" title={title}>
      {children}
    </Card>
  );
}

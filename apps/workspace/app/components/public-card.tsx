import { PublicCard as Card } from "@ordinavo/ui";
import type { ReactNode } from "react";

/** The centred card of the signed-out pages (sign-in, password reset, invitations). */
export function PublicCard({
  title,
  eyebrow,
  children,
}: {
  title: string;
  eyebrow?: string;
  children: ReactNode;
}) {
  return (
    <Card product="Ordinavo Workspace" title={title} eyebrow={eyebrow}>
      {children}
    </Card>
  );
}

import { Document, documentLinks, RootErrorPage } from "@ordinavo/ui";
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "~/styles/app.css?url";

export const links: LinksFunction = () => documentLinks({ stylesheet, colour: "#0f7a6a" });

export const meta: MetaFunction = () => [{ title: "Ordinavo Customer Portal" }];

export function Layout({ children }: { children: ReactNode }) {
  return <Document>{children}</Document>;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RootErrorPage contact="your service provider" />;
}

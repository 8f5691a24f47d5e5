import type { MetaFunction } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as portalLoader } from "./_portal";

const copy = {
  pageTitle: "Home · Ordinavo Customer Portal",
  greeting: (firstName: string) => `Hello, ${firstName}`,
  intro: "Welcome to your customer portal.",
  placesTitle: "Shared with you",
  placesIntro: "Your service provider shares these customers and sites with you.",
  allLocations: "All locations",
  oneLocation: "Location",
  emptyTitle: "Nothing is shared with you yet",
  empty:
    "Your service provider has not shared a customer or site with you so far. Once they do, it appears here. If you expected to see something, please contact them.",
};

export const meta: MetaFunction = () => [{ title: copy.pageTitle }];

export default function PortalHome() {
  const me = useRouteLoaderData<typeof portalLoader>("routes/_portal");
  if (!me) return null;
  const firstName = me.user.name.trim().split(/\s+/)[0] || me.user.name;
  return (
    <div className="stack">
      <header>
        <h1>{copy.greeting(firstName)}</h1>
        <p className="muted">{copy.intro}</p>
      </header>
      <section className="panel" aria-labelledby="places-title">
        <h2 id="places-title">{copy.placesTitle}</h2>
        {me.places.length === 0 ? (
          <div className="empty">
            <p className="empty-title">{copy.emptyTitle}</p>
            <p>{copy.empty}</p>
          </div>
        ) : (
          <>
            <p className="muted">{copy.placesIntro}</p>
            <ul className="places">
              {me.places.map((place) => (
                <li key={`${place.customerName}|${place.locationName ?? ""}`} className="place">
                  <span className="place-icon" aria-hidden="true">
                    {place.customerName.slice(0, 1).toUpperCase()}
                  </span>
                  <div>
                    <p className="place-name">{place.customerName}</p>
                    <p className="muted small">
                      {place.locationName ? (
                        <>
                          <span className="visually-hidden">{copy.oneLocation}: </span>
                          {place.locationName}
                        </>
                      ) : (
                        copy.allLocations
                      )}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

import { Link } from "@remix-run/react";

/**
 * A row of filter links (a GET each, so it works without JavaScript): "all" first, then one per
 * value, the current one marked with aria-current. The page gives the words and the addresses.
 */
export function FilterLinks<V extends string>({
  label,
  className,
  values,
  current,
  to,
  name,
}: {
  label: string;
  className: string;
  /** null stands for "all". */
  values: readonly (V | null)[];
  current: V | null;
  to: (value: V | null) => string;
  name: (value: V | null) => string;
}) {
  return (
    <nav className={className} aria-label={label}>
      <ul>
        {values.map((value) => (
          <li key={value ?? "all"}>
            <Link to={to(value)} aria-current={current === value ? "page" : undefined} preventScrollReset>
              {name(value)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

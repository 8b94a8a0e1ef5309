// The console's sections, in nav order. Pages that do not exist yet are left out.
export const navLinks = [
  { href: "/", label: "Overview" },
  { href: "/buckets", label: "Buckets" },
  { href: "/reports", label: "Reports" },
  { href: "/history", label: "History" },
  { href: "/settings", label: "Settings" },
] as const;

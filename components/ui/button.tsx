import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";

// The console's buttons, one look per role; links that act as buttons share it (ButtonLink).
const variants = {
  /** The step forward on a page or form: save, next, scan, create. */
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  /** Everything beside it: back, cancel, dry run, remove. */
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
  /** A brand-coloured outline, for a row's own action in a list. */
  outline: "border border-brand-600 text-brand-700 hover:bg-brand-50",
  /** The confirmation of an action that undoes something. */
  danger: "bg-red-700 text-white hover:bg-red-800",
  /** Retry, inside a red error panel. */
  "on-error": "border border-red-300 bg-white hover:bg-red-100",
} as const;

const sizes = { sm: "px-2 py-1 text-xs", md: "px-3 py-1.5 text-sm" } as const;

export type ButtonVariant = keyof typeof variants;
type Look = { variant?: ButtonVariant; size?: keyof typeof sizes };

export function buttonClass({ variant = "secondary", size = "md" }: Look, extra = ""): string {
  const base = "inline-block rounded font-medium disabled:cursor-not-allowed disabled:opacity-50";
  return `${base} ${variants[variant]} ${sizes[size]} ${extra}`.trim();
}

/** A button; type="button" unless it submits its form. className adds layout only (margins, width). */
export function Button({
  variant,
  size,
  className,
  type = "button",
  ...props
}: Look & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={buttonClass({ variant, size }, className)} {...props} />;
}

/** A link that looks like a button: navigation to a page where the action happens. */
export function ButtonLink({ variant, size, className, ...props }: Look & ComponentProps<typeof Link>) {
  return <Link className={buttonClass({ variant, size }, className)} {...props} />;
}

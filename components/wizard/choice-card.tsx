import type { ReactNode } from "react";

/** A radio option with a title and an explanation, as the S3 console lays them out. */
export function ChoiceCard({
  name,
  value,
  checked,
  disabled,
  onChange,
  title,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  disabled?: boolean;
  onChange: () => void;
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <label
      className={
        `flex gap-3 rounded-lg border p-3 ${checked ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white"} ` +
        (disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer")
      }
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        className="mt-1 size-4"
      />
      <span>
        <span className="block text-sm font-medium">{title}</span>
        {children && <span className="mt-0.5 block text-sm text-slate-600">{children}</span>}
      </span>
    </label>
  );
}

import type { Config } from "tailwindcss";

// Tailwind v4 reads this through `@config` in app/globals.css.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef6ff", 100: "#d9eaff", 600: "#0b5fcc", 700: "#094ca3", 900: "#0f1b2d" },
      },
    },
  },
};

export default config;
